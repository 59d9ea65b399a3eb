import * as path from 'path';
import type { FakeAws } from '../support/fake-aws';
import { exampleFunction } from '../support/example-service';
import { manageConnectionsResources, variableOf } from '../support/talk-back-state';
import {
  ACCOUNT,
  copyOfExample,
  editServerlessYml,
  onlyWebsocketApi,
  serviceWith,
  serviceYml,
  sls,
  slsOk,
  useFakeAws,
  websocketApis,
} from './support';

const EXAMPLE_STACK = 'websockets-chat-dev';
const EXAMPLE_FUNCTIONS = ['authorize', 'connection', 'fallback', 'message', 'ping'];

/** AWS writes of any service (the framework's and the plugin's). */
function writes(fake: FakeAws): string[] {
  return fake.calls.filter((call) => call.write).map((c) => `${c.service}.${c.operation}`);
}

const url = (apiId: string, region = 'us-east-1', stage = 'dev', suffix = 'amazonaws.com') =>
  `https://${apiId}.execute-api.${region}.${suffix}/${stage}`;

/** A chat room and a function with no websocket event that broadcasts (e.g. on a schedule). */
const ROOM = (provider = '', functions = '') =>
  serviceYml(
    'room',
    provider,
    `  conn:
    handler: handler.conn
    events:
      - websocket:
          routeKey: $connect
  broadcast:
    handler: handler.broadcast
${functions}
`,
  );

describe('functions that talk back: the callback URL and ManageConnections', () => {
  const aws = useFakeAws();

  describe('the example service', () => {
    let service: string;
    beforeEach(() => {
      service = copyOfExample();
    });

    test('the first deploy scopes ManageConnections to the API and stage and sets the URL in every function', async () => {
      await slsOk(service, 'deploy');
      const { apiId } = onlyWebsocketApi(aws());
      expect(manageConnectionsResources(aws(), EXAMPLE_STACK)).toEqual([
        `arn:aws:execute-api:us-east-1:${ACCOUNT}:${apiId}/dev/*/@connections/*`,
      ]);
      for (const name of EXAMPLE_FUNCTIONS) {
        expect(aws().lambda.configuration(exampleFunction(name)).Environment?.Variables).toEqual({
          CHAT_TOKEN: 'change-me',
          WEBSOCKET_API_ENDPOINT: url(apiId),
        });
      }
    });

    test('the reconcile reuses the API found before the stack update: one list of APIs per redeploy, two on the first', async () => {
      await slsOk(service, 'deploy');
      const calls = (operation: string) =>
        aws().calls.filter((call) => call.operation === operation).length;
      // The deploy that creates the API lists once more after createApi, to catch a duplicate.
      expect(calls('getApis')).toBe(2);
      aws().resetCalls();
      await slsOk(service, 'deploy');
      expect(calls('getApis')).toBe(1);
    });

    test('redeploys keep naming only this API and stage, also after the API was recreated', async () => {
      await slsOk(service, 'deploy');
      await slsOk(service, 'deploy');
      const first = onlyWebsocketApi(aws()).apiId;
      expect(manageConnectionsResources(aws(), EXAMPLE_STACK)).toEqual([
        `arn:aws:execute-api:us-east-1:${ACCOUNT}:${first}/dev/*/@connections/*`,
      ]);

      aws().apigw.deleteApiDirectly(first);
      await slsOk(service, 'deploy');
      const second = onlyWebsocketApi(aws()).apiId;
      expect(second).not.toBe(first);
      expect(manageConnectionsResources(aws(), EXAMPLE_STACK)).toEqual([
        `arn:aws:execute-api:us-east-1:${ACCOUNT}:${second}/dev/*/@connections/*`,
      ]);
      for (const name of EXAMPLE_FUNCTIONS) {
        expect(variableOf(aws(), exampleFunction(name))).toBe(url(second));
      }
    });

    test('sls package makes no AWS write and says what sls deploy adds; deploy --package adds it', async () => {
      const output = await slsOk(service, 'package', '--package', 'artifacts');
      expect(writes(aws())).toEqual([]);
      expect(output).toContain(
        'the package has no WebSocket API id yet: `sls deploy` gives every function the environment variable WEBSOCKET_API_ENDPOINT and execute-api:ManageConnections on the API in their role',
      );

      await slsOk(service, 'deploy', '--package', path.join(service, 'artifacts'));
      const { apiId } = onlyWebsocketApi(aws());
      expect(manageConnectionsResources(aws(), EXAMPLE_STACK)).toEqual([
        `arn:aws:execute-api:us-east-1:${ACCOUNT}:${apiId}/dev/*/@connections/*`,
      ]);
      for (const name of EXAMPLE_FUNCTIONS) {
        expect(variableOf(aws(), exampleFunction(name))).toBe(url(apiId));
      }
    });

    test('sls deploy --noDeploy (1.x) makes no AWS write', async () => {
      await slsOk(service, 'deploy', '--noDeploy');
      expect(writes(aws())).toEqual([]);
    });

    test('a deploy that fails after the API was created early converges on the next one', async () => {
      aws().failNext({ service: 'CloudFormation', operation: 'updateStack' });
      const failed = await sls(service, 'deploy');
      expect(failed.error).toBeDefined();
      const { apiId } = onlyWebsocketApi(aws());

      await slsOk(service, 'deploy');
      expect(websocketApis(aws()).map((state) => state.apiId)).toEqual([apiId]);
      expect(manageConnectionsResources(aws(), EXAMPLE_STACK)).toEqual([
        `arn:aws:execute-api:us-east-1:${ACCOUNT}:${apiId}/dev/*/@connections/*`,
      ]);
      for (const name of EXAMPLE_FUNCTIONS) {
        expect(variableOf(aws(), exampleFunction(name))).toBe(url(apiId));
      }
      expect(aws().apigw.live(apiId, 'dev')).toBeDefined();
    });

    test('sls deploy function -f keeps the variable, looking the API up without writing to it', async () => {
      await slsOk(service, 'deploy');
      const { apiId } = onlyWebsocketApi(aws());
      editServerlessYml(service, (yml) => yml.replace('CHAT_TOKEN: change-me', 'CHAT_TOKEN: new'));
      aws().resetCalls();

      await slsOk(service, 'deploy', 'function', '-f', 'message');
      expect(aws().lambda.configuration(exampleFunction('message')).Environment?.Variables).toEqual(
        { CHAT_TOKEN: 'new', WEBSOCKET_API_ENDPOINT: url(apiId) },
      );
      expect(writes(aws()).filter((call) => call.startsWith('ApiGatewayV2'))).toEqual([]);
    });
  });

  test.each([
    ['cn-north-1', 'aws-cn', 'amazonaws.com.cn'],
    ['us-gov-west-1', 'aws-us-gov', 'amazonaws.com'],
  ])(
    'in %s the ARN is in the %s partition and the URL ends in %s',
    async (region, partition, suffix) => {
      await slsOk(serviceWith(ROOM(`  region: ${region}`)), 'deploy');
      const { apiId } = onlyWebsocketApi(aws());
      expect(manageConnectionsResources(aws(), 'room-dev')).toEqual([
        `arn:${partition}:execute-api:${region}:${ACCOUNT}:${apiId}/dev/*/@connections/*`,
      ]);
      for (const name of ['room-dev-conn', 'room-dev-broadcast']) {
        expect(variableOf(aws(), name)).toBe(url(apiId, region, 'dev', suffix));
      }
    },
  );

  test("a role of the user's own is left alone, and the statement to add is printed once", async () => {
    const role = 'arn:aws:iam::123456789012:role/my-role';
    const output = await slsOk(serviceWith(ROOM(`  role: ${role}`)), 'deploy');
    const { apiId } = onlyWebsocketApi(aws());
    const resource = `arn:aws:execute-api:us-east-1:${ACCOUNT}:${apiId}/dev/*/@connections/*`;
    expect(aws().cloudformation.stack('room-dev')?.resources.has('IamRoleLambdaExecution')).toBe(
      false,
    );
    expect(output.split(resource).length - 1).toBe(1);
    expect(output).toContain(
      `conn, broadcast run with a role of your own (provider.role), which the plugin does not change; to let them use @connections, add this statement to it: {"Effect":"Allow","Action":["execute-api:ManageConnections"],"Resource":["${resource}"]}`,
    );
    // The callback URL does not depend on the role.
    expect(variableOf(aws(), 'room-dev-broadcast')).toBe(url(apiId));
  });

  test("a function's own role is named; the others get the statement in the framework's role", async () => {
    const output = await slsOk(
      serviceWith(ROOM('', '    role: arn:aws:iam::123456789012:role/broadcaster')),
      'deploy',
    );
    const { apiId } = onlyWebsocketApi(aws());
    expect(manageConnectionsResources(aws(), 'room-dev')).toEqual([
      `arn:aws:execute-api:us-east-1:${ACCOUNT}:${apiId}/dev/*/@connections/*`,
    ]);
    expect(output).toContain('broadcast run with a role of your own (function "broadcast" role)');
  });

  test("the user's own variable of the same name wins, with a warning", async () => {
    const output = await slsOk(
      serviceWith(
        ROOM('', '    environment:\n      WEBSOCKET_API_ENDPOINT: https://example.com/mine'),
      ),
      'deploy',
    );
    const { apiId } = onlyWebsocketApi(aws());
    expect(variableOf(aws(), 'room-dev-broadcast')).toBe('https://example.com/mine');
    expect(variableOf(aws(), 'room-dev-conn')).toBe(url(apiId));
    expect(output).toContain(
      `WEBSOCKET_API_ENDPOINT is set in serverless.yml for broadcast, so the plugin left it as it is instead of setting it to ${url(apiId)}`,
    );
  });

  test('the variable can be renamed or turned off, and ManageConnections turned off', async () => {
    const renamed = serviceWith(
      ROOM('  websocketApiEndpointVariable: CALLBACK_URL\n  websocketApiManageConnections: false'),
    );
    await slsOk(renamed, 'deploy');
    const { apiId } = onlyWebsocketApi(aws());
    expect(variableOf(aws(), 'room-dev-conn', 'CALLBACK_URL')).toBe(url(apiId));
    expect(variableOf(aws(), 'room-dev-conn')).toBeUndefined();
    expect(manageConnectionsResources(aws(), 'room-dev')).toEqual([]);

    editServerlessYml(renamed, (yml) =>
      yml.replace(
        'websocketApiEndpointVariable: CALLBACK_URL',
        'websocketApiEndpointVariable: false',
      ),
    );
    await slsOk(renamed, 'deploy');
    expect(aws().lambda.configuration('room-dev-conn').Environment).toBeUndefined();
  });

  test.each([
    [
      '  websocketApiManageConnections: "yes"',
      'provider.websocketApiManageConnections must be true or false, got "yes"',
    ],
    [
      '  websocketApiEndpointVariable: 1X',
      'provider.websocketApiEndpointVariable must be an environment variable name (a letter, then letters, digits or _) or false, got "1X"',
    ],
  ])('%s is refused before any AWS write', async (setting, message) => {
    const result = await sls(serviceWith(ROOM(setting)), 'deploy');
    expect(result.error?.message).toContain(message);
    expect(writes(aws())).toEqual([]);
  });
});
