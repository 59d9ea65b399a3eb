import * as fs from 'fs';
import * as path from 'path';
import {
  apiGatewayGrants,
  clubService,
  onlyWebsocketApi,
  serviceWith,
  sls,
  slsOk,
  summarize,
  useFakeAws,
  expectRefusedBeforeAnyWrite,
} from './support';

describe('configuration errors', () => {
  const aws = useFakeAws();

  test('bad input fails before any AWS write, naming function, event and key', async () => {
    const result = await sls(
      serviceWith(
        clubService(
          '',
          `  chat:
    handler: handler.chat
    events:
      - websocket:
          routeKey: ''
      - websocket:
          routeKey: $connect
          authorizer:
            name: missing
            identitySources: route.request.header.Auth
  other:
    handler: handler.other
    events:
      - websocket:
          routeKey: $connect
          routeResponseSelectionExpression: $request.body.x
`,
        ),
      ),
      'deploy',
    );

    expect(result.error?.constructor.name).toBe('ServerlessError');
    expectRefusedBeforeAnyWrite(
      aws(),
      result,
      'function "chat", events[0] (websocket): routeKey must be a non-empty string such as $connect, $disconnect, $default or an action name, got ""',
      'function "chat", events[1] (websocket): authorizer.name "missing" is not a function of this service (functions: chat, other); use "arn" for a function outside the service',
      'function "other", events[0] (websocket): routeResponseSelectionExpression must be "$default" (the only value WebSocket APIs accept), got "$request.body.x"',
      'function "other", events[0] (websocket): routeKey "$connect" is already used by function "chat", events[1] (websocket); each routeKey may appear once',
    );
  });

  test('a provider setting of the wrong type is reported', async () => {
    const result = await sls(
      serviceWith(
        clubService(
          '  websocketApiName: 42',
          `  chat:
    handler: handler.chat
    events:
      - websocket:
          routeKey: $default
`,
        ),
      ),
      'deploy',
    );

    expectRefusedBeforeAnyWrite(
      aws(),
      result,
      'provider.websocketApiName must be a non-empty string, got 42',
    );
  });
});

describe('authorizers and events', () => {
  const aws = useFakeAws();

  test('an authorizer given only by ARN protects $connect; one on another route is ignored with a warning', async () => {
    aws().lambda.addFunction('shared-auth');
    const output = await slsOk(
      serviceWith(
        clubService(
          '',
          `  chat:
    handler: handler.chat
    events:
      - websocket:
          routeKey: $connect
          authorizer:
            arn: arn:aws:lambda:us-east-1:123456789012:function:shared-auth
            identitySource: route.request.header.Auth, route.request.querystring.token
      - websocket:
          routeKey: message
          authorizer:
            arn: arn:aws:lambda:us-east-1:123456789012:function:shared-auth
            identitySources: [route.request.header.Auth]
`,
        ),
      ),
      'deploy',
    );

    const { apiId } = onlyWebsocketApi(aws());
    expect(summarize(aws().apigw.live(apiId, 'dev')!)).toMatchObject({
      routes: {
        $connect: { function: 'club-dev-chat', authorizer: 'CUSTOM:shared-auth' },
        message: { function: 'club-dev-chat' },
      },
      authorizers: {
        'shared-auth': {
          type: 'REQUEST',
          function: 'shared-auth',
          identitySource: ['route.request.header.Auth', 'route.request.querystring.token'],
        },
      },
    });
    expect(apiGatewayGrants(aws(), 'shared-auth')).toEqual([
      `arn:aws:execute-api:us-east-1:123456789012:${apiId}/authorizers/*`,
    ]);
    expect(output).toContain(
      'function "chat", events[1] (websocket): the authorizer on route "message" is ignored; API Gateway runs authorizers on the $connect route only',
    );
  });

  test("the framework's own websocket events stay the framework's, beside the plugin's", async () => {
    const servicePath = serviceWith(
      clubService(
        '',
        `  plugin:
    handler: handler.plugin
    events:
      - websocket:
          routeKey: $connect
      - websocket:
          routeKey: hello
  framework:
    handler: handler.framework
    events:
      - websocket:
          route: $default
      - websocket: frameworkRoute
`,
      ),
    );
    await slsOk(servicePath, 'deploy');

    const { apiId } = onlyWebsocketApi(aws());
    expect(Object.keys(summarize(aws().apigw.live(apiId, 'dev')!).routes).sort()).toEqual([
      '$connect',
      'hello',
    ]);
    // The framework compiled its own API from its own events only.
    const template = JSON.parse(
      fs.readFileSync(
        path.join(servicePath, '.serverless', 'cloudformation-template-update-stack.json'),
        'utf8',
      ),
    ) as { Resources: Record<string, { Type: string; Properties: { RouteKey?: string } }> };
    const frameworkRoutes = Object.values(template.Resources)
      .filter((resource) => resource.Type === 'AWS::ApiGatewayV2::Route')
      .map((resource) => resource.Properties.RouteKey)
      .sort();
    expect(frameworkRoutes).toEqual(['$default', 'frameworkRoute']);
  });

  test('versionFunctions: false deploys (integrations use unqualified ARNs)', async () => {
    await slsOk(
      serviceWith(
        clubService(
          '  versionFunctions: false',
          `  chat:
    handler: handler.chat
    events:
      - websocket:
          routeKey: $default
`,
        ),
      ),
      'deploy',
    );

    const { apiId } = onlyWebsocketApi(aws());
    expect(
      aws()
        .apigw.live(apiId, 'dev')!
        .integrations.map((i) => i.IntegrationUri),
    ).toEqual([
      'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:club-dev-chat/invocations',
    ]);
  });
});
