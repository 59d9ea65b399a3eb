// The SDK's real module object (what aws-sdk-mock patches); `import * as` would copy it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import AWS = require('aws-sdk');
import { ApiGatewayClient } from '../../src/aws/apigateway';
import { CloudWatchLogsClient } from '../../src/aws/cloudwatch-logs';
import { LambdaClient } from '../../src/aws/lambda';
import type { AwsRequest } from '../../src/aws/request';
import { Route53Client } from '../../src/aws/route53';
import type { CommandContext } from '../../src/commands/context';
import { deployApi } from '../../src/commands/deploy';
import { readyApi } from '../../src/commands/ensure-api';
import { readWebsocketConfig } from '../../src/config/read-config';
import type { PluginLog } from '../../src/log';
import { ownershipTags } from '../../src/desired-state';
import type { FakeAws } from '../support/fake-aws';
import { variableOf } from '../support/talk-back-state';
import { expectSmallServiceDeployed, SMALL } from './small-service';
import {
  onlyWebsocketApi,
  pluginWrites,
  serviceWith,
  slsOk,
  useFakeAws,
  websocketApis,
} from './support';

const TAGS = ownershipTags('tide', 'dev');
const websocket = {
  ProtocolType: 'WEBSOCKET',
  RouteSelectionExpression: '$request.body.action',
} as const;
const url = (apiId: string) => `wss://${apiId}.execute-api.us-east-1.amazonaws.com/dev`;

describe('exactly one API per service and stage', () => {
  const aws = useFakeAws();

  /** Another API tagged for the small service's stage, made at that date (e.g. by a lost answer). */
  const taggedApi = (createdDate: Date) =>
    aws().apigw.createApiDirectly(
      { Name: 'tide-dev-websockets-api', ...websocket, Tags: TAGS },
      { createdDate },
    ).ApiId as string;

  test('a createApi whose answer is lost and retried leaves one API, serving, with the permissions and the variable', async () => {
    aws().loseResponseOfNext({ service: 'ApiGatewayV2', operation: 'createApi' });

    const output = await slsOk(serviceWith(SMALL), 'deploy');

    // The framework's request layer sent createApi again: two APIs existed for a moment.
    expect(
      aws()
        .callsTo('ApiGatewayV2')
        .filter((c) => c.operation === 'createApi'),
    ).toHaveLength(2);
    expectSmallServiceDeployed(aws());
    const { apiId } = onlyWebsocketApi(aws());
    expect(variableOf(aws(), 'tide-dev-talk')).toBe(
      `https://${apiId}.execute-api.us-east-1.amazonaws.com/dev`,
    );
    expect(output).toMatch(
      new RegExp(
        `2 WebSocket APIs are tagged for service "tide" stage "dev" \\(${apiId}, \\w+\\); using ${apiId}: no stage "dev" serves a deployment yet and it is the oldest`,
      ),
    );
    expect(output).toMatch(/deleted API \w+, a duplicate that served no stage/);
    expect(output).toContain(`continuing with ${apiId}`);
  }, 30_000);

  test('duplicates are kept by the stage that serves, even a younger one; the idle older one is deleted; info warns first', async () => {
    const service = serviceWith(SMALL);
    await slsOk(service, 'deploy');
    const { apiId: live } = onlyWebsocketApi(aws());
    const orphan = taggedApi(new Date('2020-01-01T00:00:00Z'));

    const info = await slsOk(service, 'info');
    expect(info).toContain(
      `2 WebSocket APIs are tagged for service "tide" stage "dev" (${live}, ${orphan}); using ${live}: its stage "dev" serves a deployment`,
    );
    expect(info).toContain(`${orphan} serves no stage: to be deleted by the next \`sls deploy\``);
    expect(info).toContain(`Base URL: ${url(live)}`);
    expect(aws().apigw.api(orphan)).toBeDefined();

    aws().resetCalls();
    const output = await slsOk(service, 'deploy');

    expect(output).toContain(`using ${live}: its stage "dev" serves a deployment`);
    expect(output).toContain(`deleted API ${orphan}, a duplicate that served no stage`);
    expect(pluginWrites(aws())).toEqual(['ApiGatewayV2.deleteApi']);
    expectSmallServiceDeployed(aws());
    expect(onlyWebsocketApi(aws()).apiId).toBe(live);
  });

  test('two serving APIs: the oldest is kept, none is deleted, and the warning gives the command; remove deletes both', async () => {
    const service = serviceWith(SMALL);
    await slsOk(service, 'deploy');
    const { apiId: first } = onlyWebsocketApi(aws());
    const second = taggedApi(new Date(Date.now() + 60_000));
    aws().apigw.deployDirectly(second, 'dev', ['$default']);

    aws().resetCalls();
    const output = await slsOk(service, 'deploy');

    expect(output).toContain(
      `2 WebSocket APIs are tagged for service "tide" stage "dev" (${first}, ${second}); using ${first}: it is the oldest of the 2 whose stage "dev" serves a deployment`,
    );
    expect(output).toContain(
      `${second} also serves stage "dev" (${url(second)}) and is left as it is; once no client uses it, delete it: aws apigatewayv2 delete-api --api-id ${second} --region us-east-1`,
    );
    expect(pluginWrites(aws())).toEqual([]);
    expect(
      aws()
        .apigw.live(second, 'dev')
        ?.routes.map((r) => r.RouteKey),
    ).toEqual(['$default']);
    expect(aws().apigw.live(first, 'dev')?.routes).toHaveLength(3);

    const removed = await slsOk(service, 'remove');
    expect(websocketApis(aws())).toEqual([]);
    expect(removed).toContain(`(${first})`);
    expect(removed).toContain(`(${second})`);
  });

  test('the stages are read only when there are duplicates', async () => {
    const service = serviceWith(SMALL);
    await slsOk(service, 'deploy');
    aws().resetCalls();
    await slsOk(service, 'deploy');
    await slsOk(service, 'info');
    const stageReads = aws()
      .callsTo('ApiGatewayV2')
      .filter((c) => c.operation === 'getStage');
    // The deploy reads its own stage once (to compare it), info once (to tell what is live);
    // no other API's stage is read.
    expect(stageReads).toHaveLength(2);
  });
});

const FAKE_CREDENTIALS = { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' };

/** A context as the plugin builds it, on FakeAws through SDK v2 (what provider.request runs). */
function contextFor(log: string[]): CommandContext {
  const request: AwsRequest = (service, method, params) => {
    const client = new AWS[service]({
      region: 'us-east-1',
      credentials: FAKE_CREDENTIALS,
    }) as unknown as Record<string, (p: object) => { promise(): Promise<unknown> }>;
    return client[method](params).promise();
  };
  const pluginLog: PluginLog = {
    info: (message) => log.push(message),
    warning: (message) => log.push(`WARNING ${message}`),
    text: (lines) => log.push(...lines),
    progress: () => () => undefined,
  };
  return {
    service: {
      service: 'tide',
      stage: 'dev',
      provider: { name: 'aws' },
      functions: {
        conn: { events: [{ websocket: { routeKey: '$connect' } }] },
        talk: { events: [{ websocket: { routeKey: '$default' } }] },
      },
    },
    region: 'us-east-1',
    request,
    apigateway: new ApiGatewayClient(request),
    lambda: new LambdaClient(request),
    logs: new CloudWatchLogsClient(request),
    route53: new Route53Client(request),
    log: pluginLog,
  };
}

/** Three first deploys of the small service's stage at once: the APIs they settle on. */
async function concurrentFirstDeploys(): Promise<string[]> {
  const contexts = [0, 1, 2].map(() => contextFor([]));
  const config = readWebsocketConfig(contexts[0].service);
  const ready = await Promise.all(contexts.map((context) => readyApi(context, config)));
  return ready.map((api) => api.apiId);
}

const createApiCalls = (fake: FakeAws) =>
  fake.callsTo('ApiGatewayV2').filter((call) => call.operation === 'createApi').length;

describe('first deploys of one stage at the same time', () => {
  describe('in lockstep (the same latency for every call)', () => {
    const aws = useFakeAws({ latencyMs: 5 });

    test('all three create an API, then all settle on the oldest and the others are deleted', async () => {
      const settledOn = await concurrentFirstDeploys();

      expect(createApiCalls(aws())).toBe(3);
      const { apiId } = onlyWebsocketApi(aws());
      expect(settledOn).toEqual([apiId, apiId, apiId]);

      for (const name of ['tide-dev-conn', 'tide-dev-talk']) {
        aws().lambda.addFunction(name, { region: 'us-east-1' });
      }
      await deployApi(contextFor([]), { apiId, isNew: false, accountId: '123456789012' });
      expect(
        aws()
          .apigw.live(apiId, 'dev')
          ?.routes.map((r) => r.RouteKey)
          .sort(),
      ).toEqual(['$connect', '$default']);
    });
  });

  describe('interleaved in varying orders (random extra latency per call)', () => {
    const aws = useFakeAws({ latencyMs: 2, latencyJitterMs: 8 });

    test.each([1, 2, 3, 4, 5])(
      'run %i: however they interleave, one API is left and all use it',
      async () => {
        const settledOn = await concurrentFirstDeploys();

        expect(createApiCalls(aws())).toBeGreaterThanOrEqual(1);
        const { apiId } = onlyWebsocketApi(aws());
        expect(settledOn).toEqual([apiId, apiId, apiId]);
      },
    );
  });
});
