import { SMALL } from './small-service';
import {
  editServerlessYml,
  onlyWebsocketApi,
  serviceWith,
  sls,
  slsOk,
  useFakeAws,
} from './support';

/** SMALL with `ping` made one-way, `$default` deleted and a new route `shout`. */
const changed = (yml: string) =>
  yml.replace(
    /\n {2}talk:[\s\S]*$/,
    `
  talk:
    handler: handler.talk
    events:
      - websocket:
          routeKey: ping
      - websocket:
          routeKey: shout
`,
  );

const url = (apiId: string) => `wss://${apiId}.execute-api.us-east-1.amazonaws.com/dev`;

/** The start of the `sls info` section: its first line, then the route lines. */
const section = (first: string, ...routes: string[]) =>
  ['WebSockets:', first, '  Routes:', ...routes].join('\n');
const CONNECT = '    $connect -> tide-dev-conn (authorizer: auth)';

describe('sls info tells what the stage serves', () => {
  const aws = useFakeAws();

  test('after a normal deploy: the URL and the routes, none marked', async () => {
    const service = serviceWith(SMALL);
    await slsOk(service, 'deploy');
    const { apiId } = onlyWebsocketApi(aws());

    const info = await slsOk(service, 'info');

    expect(info).toContain(
      section(
        `  Base URL: ${url(apiId)}`,
        CONNECT,
        '    $default -> tide-dev-talk',
        '    ping -> tide-dev-talk (two-way)\n',
      ),
    );
    expect(info).not.toMatch(/not deployed|no longer in the draft|cannot be checked/);
  });

  test.each(['createDeployment', 'updateStage'])(
    'after a deploy that failed at %s: the changed routes are marked, the URL is still shown',
    async (operation) => {
      const service = serviceWith(SMALL);
      await slsOk(service, 'deploy');
      const { apiId } = onlyWebsocketApi(aws());
      editServerlessYml(service, changed);
      aws().failNext({ service: 'ApiGatewayV2', operation });
      expect((await sls(service, 'deploy')).error).toBeDefined();

      const info = await slsOk(service, 'info');

      expect(info).toContain(
        section(
          `  Base URL: ${url(apiId)}`,
          CONNECT,
          '    ping -> tide-dev-talk (not deployed)',
          '    shout -> tide-dev-talk (not deployed)',
          '  routes marked "not deployed" are only in the draft: `sls deploy` puts them live',
          '  1 live route is no longer in the draft (`sls deploy` removes it)',
        ),
      );

      await slsOk(service, 'deploy');
      expect(await slsOk(service, 'info')).not.toMatch(/not deployed|no longer in the draft/);
    },
  );

  test('after a failed first deploy: no URL, the stage is not deployed yet', async () => {
    const service = serviceWith(SMALL);
    aws().failNext<{ StageName: string }>({
      service: 'ApiGatewayV2',
      operation: 'createStage',
      params: (params) => params.StageName === 'dev',
    });
    expect((await sls(service, 'deploy')).error).toBeDefined();

    const info = await slsOk(service, 'info');

    expect(info).toContain(
      section(
        '  stage "dev" is not deployed yet (`sls deploy` creates it)',
        '    $connect -> tide-dev-conn (authorizer: auth, not deployed)',
      ),
    );
    expect(info).not.toContain('wss://');
  });

  test('a stage serving a deployment made by hand: its routes cannot be checked', async () => {
    const service = serviceWith(SMALL);
    await slsOk(service, 'deploy');
    const api = aws().apigw.api(onlyWebsocketApi(aws()).apiId)!;
    const deploymentId = api.stages.get('dev')!.DeploymentId!;
    api.deployments.get(deploymentId)!.deployment.Description = 'hotfix by hand';

    const info = await slsOk(service, 'info');

    expect(info).toContain(
      `  the stage serves deployment ${deploymentId}, not made by serverless-websockets-plugin: its routes cannot be checked`,
    );
    expect(info).not.toContain('not deployed');
  });
});
