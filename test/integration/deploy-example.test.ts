import {
  ACCOUNT,
  apiGatewayGrants,
  copyOfExample,
  editServerlessYml,
  onlyWebsocketApi,
  pluginWrites,
  slsOk,
  summarize,
  useFakeAws,
} from './support';
import { EXAMPLE_API, exampleFunction } from '../support/example-service';
import { summarizeServed } from '../support/api-summary';

const fn = exampleFunction;

const CHANGED_FUNCTIONS = `
functions:
  authorize:
    handler: handler.authorize
  connection:
    handler: handler.connection
    events:
      - websocket:
          routeKey: $connect
      - websocket:
          routeKey: $disconnect
  fallback:
    handler: handler.fallback
    events:
      - websocket:
          routeKey: message
  message:
    handler: handler.message
    events:
      - websocket:
          routeKey: shout
  ping:
    handler: handler.ping
    events:
      - websocket:
          routeKey: ping
          routeResponseSelectionExpression: $default
`;

describe('sls deploy / info / remove of the example chat service', () => {
  const aws = useFakeAws({ maxPageSize: 2 });
  let service: string;
  beforeEach(() => {
    service = copyOfExample();
  });

  test('the first deploy creates the API and the stage serves all of it', async () => {
    const output = await slsOk(service, 'deploy');

    const state = onlyWebsocketApi(aws());
    const apiId = state.apiId;
    expect(state.api).toMatchObject({
      Name: 'websockets-chat-dev',
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
      Tags: {
        'serverless-websockets-plugin:service': 'websockets-chat',
        'serverless-websockets-plugin:stage': 'dev',
      },
    });
    const draft = summarize(aws().apigw.draft(apiId));
    expect(draft).toEqual(EXAMPLE_API);
    // The stage serves exactly the draft.
    expect(summarize(aws().apigw.live(apiId, 'dev')!)).toEqual(draft);

    const executeApi = `arn:aws:execute-api:us-east-1:${ACCOUNT}:${apiId}`;
    for (const name of ['connection', 'fallback', 'message', 'ping']) {
      expect(apiGatewayGrants(aws(), fn(name))).toEqual([`${executeApi}/*`]);
    }
    expect(apiGatewayGrants(aws(), fn('authorize'))).toEqual([`${executeApi}/authorizers/*`]);

    expect(output).toContain(`wss://${apiId}.execute-api.us-east-1.amazonaws.com/dev`);
  });

  test('an unchanged redeploy writes nothing to API Gateway or Lambda and makes no deployment', async () => {
    await slsOk(service, 'deploy');
    const apiId = onlyWebsocketApi(aws()).apiId;
    const deployments = aws().apigw.api(apiId)!.deployments.size;
    aws().resetCalls();

    const output = await slsOk(service, 'deploy');

    expect(pluginWrites(aws())).toEqual([]);
    expect(aws().apigw.api(apiId)!.deployments.size).toBe(deployments);
    expect(output).toContain('nothing to deploy');
    expect(output).toContain(`wss://${apiId}.execute-api.us-east-1.amazonaws.com/dev`);
  });

  test('sls info prints the URL and one line per route', async () => {
    await slsOk(service, 'deploy');
    const apiId = onlyWebsocketApi(aws()).apiId;

    const output = await slsOk(service, 'info');

    expect(output).toContain(
      [
        'WebSockets:',
        `  Base URL: wss://${apiId}.execute-api.us-east-1.amazonaws.com/dev`,
        '  Routes:',
        `    $connect -> ${fn('connection')} (authorizer: authorize)`,
        `    $default -> ${fn('fallback')}`,
        `    $disconnect -> ${fn('connection')}`,
        `    message -> ${fn('message')}`,
        `    ping -> ${fn('ping')} (two-way)`,
      ].join('\n'),
    );
    expect(output).not.toMatch(/undefined|null/);
  });

  test('a changed config is reconciled: route moved, route removed, route added, authorizer dropped', async () => {
    await slsOk(service, 'deploy');
    const state = onlyWebsocketApi(aws());
    const before = aws().apigw.draft(state.apiId);

    // $connect loses its authorizer, `message` moves to the fallback function, whose $default
    // route goes, and the message function gets a new `shout` route.
    editServerlessYml(service, (yml) => yml.replace(/\nfunctions:\n[\s\S]*$/, CHANGED_FUNCTIONS));
    await slsOk(service, 'deploy');

    const after = aws().apigw.draft(state.apiId);
    expect(summarize(after)).toEqual({
      routes: {
        $connect: { function: fn('connection') },
        $disconnect: { function: fn('connection') },
        message: { function: fn('fallback') },
        shout: { function: fn('message') },
        ping: EXAMPLE_API.routes.ping,
      },
      integrations: ['connection', 'fallback', 'message', 'ping'].map(
        (name) => `AWS_PROXY POST ${fn(name)}`,
      ),
      authorizers: {},
    });
    expect(summarizeServed(aws().apigw.live(state.apiId, 'dev')!)).toEqual(summarize(after));
    // The authorizer function outlives its authorizer, without the grant.
    expect(apiGatewayGrants(aws(), fn('authorize'))).toEqual([]);
    // Reconciled, not recreated: untouched routes keep their ids.
    const idOf = (draft: typeof before, key: string) =>
      draft.routes.find((route) => route.RouteKey === key)?.RouteId;
    expect(idOf(after, '$disconnect')).toBe(idOf(before, '$disconnect'));
    expect(idOf(after, 'ping')).toBe(idOf(before, 'ping'));
  });

  test('sls remove deletes the API', async () => {
    await slsOk(service, 'deploy');
    const apiId = onlyWebsocketApi(aws()).apiId;

    const output = await slsOk(service, 'remove');

    expect(aws().apigw.api(apiId)).toBeUndefined();
    expect(output).toContain(`removed WebSocket API "websockets-chat-dev" (${apiId})`);
  });
});
