import type { FakeAws } from '../support/fake-aws';
import { productionService } from './production-service';
import { DRIFTS, SMALL } from './small-service';
import {
  editServerlessYml,
  onlyWebsocketApi,
  pluginWriteCalls,
  serviceWith,
  sls,
  slsOk,
  useFakeAws,
} from './support';

/** `sls websockets plan`: the deploy's own reads and plans, rendered; no write. */

const SUMMARY = /^WebSockets plan: (\d+) to create, (\d+) to update, (\d+) to delete$/;

/** The plan's lines, from its header to its summary line (the framework prints its own around). */
function planLines(output: string): string[] {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => line.startsWith('WebSockets: API '));
  const end = lines.findIndex((line) => SUMMARY.test(line));
  if (start < 0 || end < start) throw new Error(`no plan in the output:\n${output}`);
  return lines.slice(start, end + 1);
}

async function plan(service: string, ...argv: string[]): Promise<string[]> {
  return planLines(await slsOk(service, 'websockets', 'plan', ...argv));
}

/** Kinds of change the plan shows, longest first so that "route response" is not "route". */
const KINDS = [
  'route response',
  'integration',
  'authorizer',
  'permission',
  'api mapping',
  'dns record',
  'log group',
  'domain',
  'route',
  'stage',
  'tags',
  'api',
];
const ACTIONS: Record<string, string> = { '+': 'create', '~': 'update', '-': 'delete' };

/** "create route" -> how many such lines the plan has. */
function countsByKind(lines: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of lines) {
    const match = /^ {2}([+~-]) (.*)$/.exec(line);
    if (!match) continue;
    const kind = KINDS.find((k) => match[2].startsWith(`${k} `));
    const key = `${ACTIONS[match[1]]} ${kind}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/**
 * The change each AWS write of a deploy is. createDeployment has no line of its own: it is the
 * "new deployment" of the stage's line, together with the createStage or updateStage.
 */
const CHANGE_OF_WRITE: Record<string, string | undefined> = {
  createApi: 'create api',
  deleteApi: 'delete api',
  updateApi: 'update api',
  tagResource: 'update tags',
  untagResource: 'update tags',
  createIntegration: 'create integration',
  updateIntegration: 'update integration',
  deleteIntegration: 'delete integration',
  createAuthorizer: 'create authorizer',
  updateAuthorizer: 'update authorizer',
  deleteAuthorizer: 'delete authorizer',
  createRoute: 'create route',
  updateRoute: 'update route',
  deleteRoute: 'delete route',
  createRouteResponse: 'create route response',
  addPermission: 'create permission',
  removePermission: 'delete permission',
  createLogGroup: 'create log group',
  putRetentionPolicy: 'update log group',
  deleteRetentionPolicy: 'update log group',
  createDeployment: undefined,
  createStage: 'create stage',
  updateStage: 'update stage',
  deleteRouteSettings: 'update stage',
  deleteAccessLogSettings: 'update stage',
  createDomainName: 'create domain',
  deleteDomainName: 'delete domain',
  createApiMapping: 'create api mapping',
  updateApiMapping: 'update api mapping',
  deleteApiMapping: 'delete api mapping',
  changeResourceRecordSets: 'update dns record',
};

/** What the plugin's successful writes since call `from` were, counted per kind of change. */
function writesByKind(aws: FakeAws, from: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of pluginWriteCalls(aws).filter((c) => !c.error)) {
    if (aws.calls.indexOf(call) < from) continue;
    if (!(call.operation in CHANGE_OF_WRITE)) throw new Error(`unmapped write ${call.operation}`);
    const key = CHANGE_OF_WRITE[call.operation];
    if (key) counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Plans (no write at all), then deploys: the deploy's writes are the planned ones. */
async function expectDeployMakesThePlan(aws: FakeAws, service: string): Promise<string[]> {
  const before = aws.calls.length;
  const lines = await plan(service);
  expect(aws.calls.slice(before).filter((call) => call.write)).toEqual([]);
  const afterPlan = aws.calls.length;
  await slsOk(service, 'deploy');
  expect(writesByKind(aws, afterPlan)).toEqual(countsByKind(lines));
  return lines;
}

/** What the plan shows after each of the small service's drifts (small-service.ts). */
const NEW_DEPLOYMENT = '  ~ stage dev: new deployment';
const PING_BACK = [
  '  + route ping -> tide-dev-talk, two-way',
  '  + route response ping -> $default',
];
const DRIFT_CHANGES: Record<string, string[]> = {
  'a route deleted': [...PING_BACK, NEW_DEPLOYMENT],
  "a route's target changed": [
    '  ~ route $default: target tide-dev-conn -> tide-dev-talk',
    NEW_DEPLOYMENT,
  ],
  'an integration deleted': [
    '  + integration tide-dev-conn',
    expect.stringMatching(
      /^ {2}~ route \$connect: target integrations\/\w+ \(missing\) -> tide-dev-conn$/,
    ),
    NEW_DEPLOYMENT,
  ],
  'the authorizer deleted': [
    '  + authorizer auth -> tide-dev-auth',
    expect.stringMatching(
      /^ {2}~ route \$connect: authorization authorizer \w+ \(missing\) -> authorizer auth$/,
    ),
    NEW_DEPLOYMENT,
  ],
  'the stage deleted': ['  + stage dev -> new deployment'],
  'an older deployment put on the stage': [...PING_BACK, NEW_DEPLOYMENT],
  'a permission removed': [
    '  + permission tide-dev-talk -> API Gateway may invoke it for routes',
    '  stage dev already serves the current routes',
  ],
};

describe('sls websockets plan', () => {
  const aws = useFakeAws();
  afterEach(() => (process.exitCode = undefined));

  test('never deployed: the whole creation, and the function ARNs it assumed', async () => {
    const service = serviceWith(SMALL);
    const lines = await expectDeployMakesThePlan(aws(), service);
    const arn = (fn: string) => `arn:aws:lambda:us-east-1:123456789012:function:tide-dev-${fn}`;
    const optimistic =
      'added without a read: a statement of an older API is found by the add, then replaced';
    expect(lines).toEqual([
      'WebSockets: API tide-dev-websockets-api (new), stage dev',
      '  + api tide-dev-websockets-api -> route selection $request.body.action',
      '  + integration tide-dev-conn',
      '  + integration tide-dev-talk',
      '  + authorizer auth -> tide-dev-auth',
      '  + route $connect -> tide-dev-conn, authorizer auth',
      '  + route $default -> tide-dev-talk',
      '  + route ping -> tide-dev-talk, two-way',
      '  + route response ping -> $default',
      `  + permission tide-dev-conn -> API Gateway may invoke it for routes (${optimistic})`,
      `  + permission tide-dev-talk -> API Gateway may invoke it for routes (${optimistic})`,
      `  + permission tide-dev-auth -> API Gateway may invoke it for authorizers (${optimistic})`,
      '  + stage dev -> new deployment',
      `  functions not deployed yet; assumed ARNs: ${arn('conn')}, ${arn('talk')}, ${arn('auth')}`,
      'WebSockets plan: 12 to create, 0 to update, 0 to delete',
    ]);
  });

  test('up to date: nothing to change, and exit code 0 with --detailed-exitcode', async () => {
    const service = serviceWith(SMALL);
    await slsOk(service, 'deploy');
    const { apiId } = onlyWebsocketApi(aws());

    expect(await plan(service, '--detailed-exitcode')).toEqual([
      `WebSockets: API tide-dev-websockets-api (${apiId}), stage dev`,
      '  stage dev already serves the current routes',
      'WebSockets plan: 0 to create, 0 to update, 0 to delete',
    ]);
    expect(process.exitCode ?? 0).toBe(0);
  });

  test('--detailed-exitcode: 2 when a deploy would change something', async () => {
    await plan(serviceWith(SMALL), '--detailed-exitcode');
    expect(process.exitCode).toBe(2);
  });

  test('config changes: a route added, one retargeted, one removed', async () => {
    const service = serviceWith(SMALL);
    await slsOk(service, 'deploy');
    const ping =
      '      - websocket:\n          routeKey: ping\n          routeResponseSelectionExpression: $default\n';
    editServerlessYml(service, (yml) =>
      yml
        .replace(ping, '')
        .replace('routeKey: $default\n', 'routeKey: shout\n')
        .replace('identitySources: route.request.header.Auth }\n', (line) => line + ping),
    );
    const lines = await expectDeployMakesThePlan(aws(), service);
    expect(lines.slice(1)).toEqual([
      '  - route $default',
      '  + route shout -> tide-dev-talk',
      '  ~ route ping: target tide-dev-talk -> tide-dev-conn',
      '  ~ stage dev: new deployment',
      'WebSockets plan: 1 to create, 2 to update, 1 to delete',
    ]);
  });

  test.each(DRIFTS)('drift shown, then repaired as planned: %s', async (name, drift) => {
    const service = serviceWith(SMALL);
    await slsOk(service, 'deploy');
    drift(aws(), onlyWebsocketApi(aws()).apiId);

    const lines = await expectDeployMakesThePlan(aws(), service);

    expect(lines.slice(1, -1)).toEqual(DRIFT_CHANGES[name]);
    expect(await plan(service)).toContain('WebSockets plan: 0 to create, 0 to update, 0 to delete');
  });

  test('an idle duplicate API: planned for deletion, then deleted as planned', async () => {
    const service = serviceWith(SMALL);
    await slsOk(service, 'deploy');
    const { apiId } = onlyWebsocketApi(aws());
    const duplicate = aws().apigw.createApiDirectly(
      {
        Name: 'tide-dev-websockets-api',
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: '$request.body.action',
        Tags: aws().apigw.api(apiId)!.api.Tags,
      },
      { createdDate: new Date(0) },
    ).ApiId as string;

    const lines = await expectDeployMakesThePlan(aws(), service);

    expect(lines.slice(1)).toEqual([
      `  - api ${duplicate} (a duplicate tagged for this stage, serving nothing)`,
      '  stage dev already serves the current routes',
      'WebSockets plan: 0 to create, 0 to update, 1 to delete',
    ]);
    expect(aws().apigw.api(duplicate)).toBeUndefined();
  });

  test('a function that loses its events: its integration and its statement go, after the stage', async () => {
    const service = serviceWith(SMALL);
    await slsOk(service, 'deploy');
    editServerlessYml(service, (yml) =>
      yml.replace(/ {2}talk:[\s\S]*$/, '  talk:\n    handler: handler.talk\n'),
    );

    const lines = await expectDeployMakesThePlan(aws(), service);

    expect(lines.slice(1)).toEqual([
      '  - route $default',
      '  - route ping',
      expect.stringMatching(/^ {2}- integration tide-dev-talk \(\w+\)$/),
      '  ~ stage dev: new deployment',
      '  - permission tide-dev-talk (no longer needed; taken off once the stage is live (nothing if it is gone already))',
      'WebSockets plan: 0 to create, 1 to update, 4 to delete',
    ]);
  });

  test("an API another tool owns with the configured name: the deploy's error, and no write", async () => {
    aws().apigw.createCloudFormationApiDirectly(
      { stackName: 'tide-dev', logicalId: 'WebsocketsApi' },
      {
        Name: 'tide-dev-websockets-api',
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: '$request.body.action',
      },
    );
    const service = serviceWith(SMALL);
    const deploy = await sls(service, 'deploy');
    const planned = await sls(service, 'websockets', 'plan');

    expect(planned.error?.message).toBe(deploy.error?.message);
    expect(planned.error?.message).toContain('CloudFormation stack "tide-dev"');
    expect(aws().calls.filter((call) => call.write && call.service === 'ApiGatewayV2')).toEqual([]);
  });

  test('no websocket events: nothing to change', async () => {
    const service = serviceWith(SMALL.replace(/ {4}events:[\s\S]*$/, ''));
    const output = await slsOk(service, 'websockets', 'plan', '--detailed-exitcode');
    expect(output).toContain(
      'WebSockets: no function has websocket events; a deploy leaves any API as it is\nWebSockets plan: 0 to create, 0 to update, 0 to delete',
    );
    expect(process.exitCode ?? 0).toBe(0);
    expect(aws().calls.filter((call) => call.write)).toEqual([]);
  });

  test('a configuration error: the same message as deploy, and no AWS call', async () => {
    const service = serviceWith(SMALL.replace('routeKey: ping', 'routeKey: ""'));
    const deploy = await sls(service, 'deploy');
    const before = aws().calls.length;

    const planned = await sls(service, 'websockets', 'plan', '--detailed-exitcode');

    expect(planned.error?.message).toBe(deploy.error?.message);
    expect(planned.error?.message).toContain('routeKey');
    expect(aws().calls.slice(before)).toEqual([]);
  });

  test('production settings: logs, tags, throttling and domain, planned as deployed', async () => {
    aws().apigwAccount.setCloudwatchRoleArnDirectly('us-east-1', ROLE);
    aws().route53.createHostedZoneDirectly('Z123', 'example.com');
    const service = serviceWith(
      productionService(PRODUCTION, '\n          throttling: { burstLimit: 5 }'),
    );
    const first = await expectDeployMakesThePlan(aws(), service);
    expect(first).toEqual(
      expect.arrayContaining([
        '  + log group /aws/websocket/tide-dev-websockets-plugin (created without a read: if it exists already, it is read then)',
        '  ~ log group /aws/websocket/tide-dev-websockets-plugin: retention -> 14 days',
        '  + domain ws.example.com -> REGIONAL, TLS 1.2',
        '  + api mapping ws.example.com/chat -> stage dev',
        '  ~ dns record ws.example.com: A alias in hosted zone Z123',
        '  ~ tags api (new API): set serverless-websockets-plugin:domain',
      ]),
    );
    const { apiId } = onlyWebsocketApi(aws());

    editServerlessYml(service, () =>
      productionService(
        PRODUCTION.replace('Chat', 'Talk')
          .replace('team: chat, owner: ops', 'team: talk')
          .replace('basePath: chat', 'basePath: talk')
          .replace('logRetentionInDays: 14', 'logRetentionInDays: 30'),
      ),
    );
    expect((await expectDeployMakesThePlan(aws(), service)).slice(1)).toEqual([
      `  ~ api ${apiId}: description`,
      `  ~ tags api ${apiId}: remove owner`,
      `  ~ tags api ${apiId}: set team, serverless-websockets-plugin:tags`,
      '  ~ log group /aws/websocket/tide-dev-websockets-plugin: retention -> 30 days',
      '  ~ stage dev: description',
      '  ~ stage dev: remove the settings of route message',
      '  ~ tags stage dev: remove owner',
      '  ~ tags stage dev: set team, serverless-websockets-plugin:tags',
      expect.stringMatching(/^ {2}~ api mapping \w+: -> ws.example.com\/talk$/),
      '  stage dev already serves the current routes',
      'WebSockets plan: 0 to create, 9 to update, 0 to delete',
    ]);
  });
});

const ROLE = 'arn:aws:iam::123456789012:role/apigateway-cloudwatch';
const PRODUCTION = `
  websocketApiDescription: Chat for the mobile app
  tags: { team: chat, owner: ops }
  logs:
    websocket: true
  logRetentionInDays: 14
  websocketApiDomain:
    name: ws.example.com
    certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc-123
    basePath: chat
    hostedZoneId: Z123`;
