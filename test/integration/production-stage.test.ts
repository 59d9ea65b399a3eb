import type { FakeAws } from '../support/fake-aws';
import {
  editServerlessYml,
  onlyWebsocketApi,
  pluginWrites,
  serviceWith,
  sls,
  slsOk,
  useFakeAws,
} from './support';
import { expectRedeployWritesNothing, NO_LOGGING, productionService } from './production-service';

/** Description, tags and throttling: on the first deploy, changed, removed, and unchanged. */

const PROVIDER_SETTINGS = `
  websocketApiDescription: Chat for the mobile app
  tags: { team: chat, owner: ops }
  websocketApiTags: { cost-center: '42', owner: platform }
  websocketApiThrottling: { burstLimit: 500, rateLimit: 1000 }`;

const serverlessYml = productionService;

const ROUTE_THROTTLING = `
          throttling: { burstLimit: 50, rateLimit: 100 }`;

const OWNERSHIP = {
  'serverless-websockets-plugin:service': 'tide',
  'serverless-websockets-plugin:stage': 'dev',
};

function deployed(aws: FakeAws) {
  const { api, stages } = onlyWebsocketApi(aws);
  return { api, stage: stages.get('dev')! };
}

describe('description, tags and throttling', () => {
  const aws = useFakeAws();

  test('the first deploy puts them on the API and the stage', async () => {
    const service = serviceWith(serverlessYml(PROVIDER_SETTINGS, ROUTE_THROTTLING));
    await slsOk(service, 'deploy');

    const { api, stage } = deployed(aws());
    expect(api.Description).toBe('Chat for the mobile app');
    expect(stage.Description).toBe('Chat for the mobile app');
    const tags = { ...OWNERSHIP, team: 'chat', owner: 'platform', 'cost-center': '42' };
    expect(api.Tags).toMatchObject(tags);
    expect(stage.Tags).toMatchObject(tags);
    expect(stage.DefaultRouteSettings).toEqual({
      ...NO_LOGGING,
      ThrottlingBurstLimit: 500,
      ThrottlingRateLimit: 1000,
    });
    expect(stage.RouteSettings).toEqual({
      message: { ...NO_LOGGING, ThrottlingBurstLimit: 50, ThrottlingRateLimit: 100 },
    });
  });

  test('an unchanged redeploy writes nothing', async () => {
    const service = serviceWith(serverlessYml(PROVIDER_SETTINGS, ROUTE_THROTTLING));
    await slsOk(service, 'deploy');
    const output = await expectRedeployWritesNothing(aws(), service);
    expect(output).toContain('nothing to deploy');
  });

  test('a change updates them in place, and leaves tags someone else put there', async () => {
    const service = serviceWith(serverlessYml(PROVIDER_SETTINGS, ROUTE_THROTTLING));
    await slsOk(service, 'deploy');
    const { apiId } = onlyWebsocketApi(aws());
    const { api, stage } = deployed(aws());
    api.Tags = { ...api.Tags, 'added-by-hand': 'yes' };
    stage.Tags = { ...stage.Tags, 'added-by-hand': 'yes' };
    const deploymentBefore = stage.DeploymentId;

    editServerlessYml(service, () =>
      serverlessYml(
        `
  websocketApiDescription: Chat
  websocketApiTags: { cost-center: '43' }
  websocketApiThrottling: { rateLimit: 10 }`,
        `
          throttling: { burstLimit: 5 }`,
      ),
    );
    aws().resetCalls();
    await slsOk(service, 'deploy');

    const after = deployed(aws());
    expect(onlyWebsocketApi(aws()).apiId).toBe(apiId);
    // Only settings changed: the stage keeps serving its deployment.
    expect(after.stage.DeploymentId).toBe(deploymentBefore);
    expect(after.api.Description).toBe('Chat');
    expect(after.stage.Description).toBe('Chat');
    const tags = { ...OWNERSHIP, 'cost-center': '43', 'added-by-hand': 'yes' };
    expect(after.api.Tags).toEqual({ ...tags, 'serverless-websockets-plugin:tags': 'cost-center' });
    expect(after.stage.Tags).toEqual(after.api.Tags);
    expect(after.stage.DefaultRouteSettings).toEqual({ ...NO_LOGGING, ThrottlingRateLimit: 10 });
    expect(after.stage.RouteSettings).toEqual({
      message: { ...NO_LOGGING, ThrottlingBurstLimit: 5 },
    });
    expect(pluginWrites(aws())).not.toContain('ApiGatewayV2.createDeployment');
  });

  test("removing them restores AWS's defaults and keeps the ownership tags", async () => {
    const service = serviceWith(serverlessYml(PROVIDER_SETTINGS, ROUTE_THROTTLING));
    await slsOk(service, 'deploy');

    editServerlessYml(service, () => serverlessYml(''));
    await slsOk(service, 'deploy');

    const { api, stage } = deployed(aws());
    expect(api.Description ?? '').toBe('');
    expect(stage.Description ?? '').toBe('');
    expect(api.Tags).toEqual(OWNERSHIP);
    expect(stage.Tags).toEqual(OWNERSHIP);
    expect(stage.DefaultRouteSettings).toEqual(NO_LOGGING);
    expect(stage.RouteSettings).toEqual({});

    await expectRedeployWritesNothing(aws(), service);
  });

  test('the route settings of a removed route go with it', async () => {
    const service = serviceWith(serverlessYml(PROVIDER_SETTINGS, ROUTE_THROTTLING));
    await slsOk(service, 'deploy');

    editServerlessYml(service, (yml) =>
      yml.replace(/\n {6}- websocket:\n {10}routeKey: message[^]*$/, '\n'),
    );
    await slsOk(service, 'deploy');

    const { stage } = deployed(aws());
    expect(stage.RouteSettings).toEqual({});
  });

  test("a user's description survives the plugin's bookkeeping; an old marker is cleared", async () => {
    const service = serviceWith(serverlessYml(''));
    await slsOk(service, 'deploy');
    // What earlier versions of the plugin wrote on the stage.
    const { stage } = deployed(aws());
    stage.Description = `Managed by serverless-websockets-plugin state 0123456789abcdef deployment ${stage.DeploymentId}`;
    const deploymentBefore = stage.DeploymentId;

    await slsOk(service, 'deploy');

    expect(deployed(aws()).stage.Description).toBe('');
    expect(deployed(aws()).stage.DeploymentId).toBe(deploymentBefore);
  });

  test.each([
    [
      'provider.websocketApiThrottling.burstLimit',
      `\n  websocketApiThrottling: { burstLimit: -1 }`,
      '',
    ],
    [
      'provider.websocketApiThrottling.rateLimit',
      `\n  websocketApiThrottling: { rateLimit: fast }`,
      '',
    ],
    [
      'provider.websocketApiTags',
      `\n  websocketApiTags: { 'serverless-websockets-plugin:stage': x }`,
      '',
    ],
    ['provider.tags', `\n  tags: { 'has space': x }`, ''],
    ['provider.websocketApiDescription', `\n  websocketApiDescription: { text: x }`, ''],
    [
      'events[1] (websocket): throttling.burstLimit',
      '',
      `\n          throttling: { burstLimit: 1.5 }`,
    ],
  ])(
    'bad input: %s is a configuration error before any AWS write',
    async (key, provider, route) => {
      const service = serviceWith(serverlessYml(provider, route));

      const result = await sls(service, 'deploy');

      expect(result.error?.message).toContain(key);
      expect(pluginWrites(aws())).toEqual([]);
    },
  );
});

describe('a failure at a settings or tags write', () => {
  const aws = useFakeAws();

  test.each([
    ['updateStage', /update the settings of stage "dev"/],
    ['deleteRouteSettings', /remove the settings of route "message" from stage "dev"/],
    ['untagResource', /remove the tags owner, team from API/],
  ])('%s: names the step, and the next deploy converges', async (operation, step) => {
    const service = serviceWith(serverlessYml(PROVIDER_SETTINGS, ROUTE_THROTTLING));
    await slsOk(service, 'deploy');
    editServerlessYml(service, () => serverlessYml(`\n  websocketApiTags: { cost-center: '42' }`));
    aws().failNext({ service: 'ApiGatewayV2', operation });

    const failed = await sls(service, 'deploy');
    expect(failed.error?.message).toMatch(step);

    await slsOk(service, 'deploy');
    const { api, stage } = deployed(aws());
    expect(api.Tags).toEqual({
      ...OWNERSHIP,
      'cost-center': '42',
      'serverless-websockets-plugin:tags': 'cost-center',
    });
    expect(stage.DefaultRouteSettings).toEqual(NO_LOGGING);
    expect(stage.RouteSettings).toEqual({});
    await expectRedeployWritesNothing(aws(), service);
  });
});
