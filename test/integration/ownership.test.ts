import {
  apiGatewayGrants,
  copyOfExample,
  editServerlessYml,
  onlyWebsocketApi,
  serviceWith,
  slsOk,
  summarize,
  useFakeAws,
  websocketApis,
} from './support';

const serviceYml = (extraProvider = '') => `service: shop
plugins:
  - serverless-websockets-plugin
provider:
  name: aws
  runtime: nodejs20.x
${extraProvider}
functions:
  socket:
    handler: handler.socket
    events:
      - websocket:
          routeKey: $connect
      - websocket:
          routeKey: $default
`;

describe('which API belongs to the service and stage', () => {
  const aws = useFakeAws({ maxPageSize: 2 });

  test('an untagged WebSocket API with the configured name is adopted; others are left alone', async () => {
    const http = aws().apigw.createApiDirectly({
      Name: 'shop-dev-websockets-api',
      ProtocolType: 'HTTP',
    });
    const otherStage = aws().apigw.createApiDirectly({
      Name: 'shop-dev-websockets-api',
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
      Tags: {
        'serverless-websockets-plugin:service': 'shop',
        'serverless-websockets-plugin:stage': 'prod',
      },
    });
    const handMade = aws().apigw.createApiDirectly({
      Name: 'shop-dev-websockets-api',
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.type',
    });

    const output = await slsOk(serviceWith(serviceYml()), 'deploy');

    expect(websocketApis(aws())).toHaveLength(2);
    const adopted = aws().apigw.api(handMade.ApiId!)!;
    expect(adopted.api.Tags).toEqual({
      'serverless-websockets-plugin:service': 'shop',
      'serverless-websockets-plugin:stage': 'dev',
    });
    expect(adopted.api.RouteSelectionExpression).toBe('$request.body.action');
    expect(Object.keys(summarize(aws().apigw.draft(handMade.ApiId!)).routes).sort()).toEqual([
      '$connect',
      '$default',
    ]);
    expect(output).toContain(
      `adopted the existing WebSocket API "shop-dev-websockets-api" (${handMade.ApiId})`,
    );
    for (const untouched of [http, otherStage]) {
      expect(aws().apigw.draft(untouched.ApiId!).routes).toEqual([]);
      expect(aws().apigw.api(untouched.ApiId!)!.api).toEqual(untouched);
    }
  });

  test('two stages sharing a websocketApiName get one API each; removing one keeps the other', async () => {
    const service = serviceWith(serviceYml('  websocketApiName: shared-name'));
    await slsOk(service, 'deploy', '--stage', 'dev');
    await slsOk(service, 'deploy', '--stage', 'prod');

    const apis = websocketApis(aws());
    expect(
      apis.map((state) => [state.api.Name, state.api.Tags?.['serverless-websockets-plugin:stage']]),
    ).toEqual([
      ['shared-name', 'dev'],
      ['shared-name', 'prod'],
    ]);
    const [dev, prod] = apis.map((state) => state.apiId);
    expect(apiGatewayGrants(aws(), 'shop-prod-socket')).toEqual([
      `arn:aws:execute-api:us-east-1:123456789012:${prod}/*`,
    ]);

    await slsOk(service, 'remove', '--stage', 'dev');

    expect(aws().apigw.api(dev)).toBeUndefined();
    expect(aws().apigw.live(prod, 'prod')?.routes).toHaveLength(2);
  });

  test('a changed name and route selection expression update the same API', async () => {
    const service = serviceWith(serviceYml());
    await slsOk(service, 'deploy');
    const { apiId } = onlyWebsocketApi(aws());

    editServerlessYml(service, (yml) =>
      yml.replace(
        'runtime: nodejs20.x',
        'runtime: nodejs20.x\n  websocketApiName: renamed\n  websocketApiRouteSelectionExpression: $request.body.type',
      ),
    );
    await slsOk(service, 'deploy');

    expect(onlyWebsocketApi(aws()).api).toMatchObject({
      ApiId: apiId,
      Name: 'renamed',
      RouteSelectionExpression: '$request.body.type',
    });
  });

  test('an API past the first page of getApis is found, not duplicated', async () => {
    const service = serviceWith(serviceYml());
    await slsOk(service, 'deploy');
    for (let i = 0; i < 5; i += 1) {
      aws().apigw.createApiDirectly({ Name: `other-${i}`, ProtocolType: 'HTTP' });
    }

    await slsOk(service, 'deploy');

    expect(websocketApis(aws())).toHaveLength(1);
  });

  test('info and remove when the API is gone say so and succeed', async () => {
    const service = copyOfExample();
    await slsOk(service, 'deploy');
    aws().apigw.deleteApiDirectly(onlyWebsocketApi(aws()).apiId);

    const info = await slsOk(service, 'info');
    const remove = await slsOk(service, 'remove');

    expect(info).toContain(
      'no WebSocket API deployed for service "websockets-chat" stage "dev" (sls deploy creates it)',
    );
    expect(info).not.toMatch(/undefined|null/);
    expect(remove).toContain(
      'no WebSocket API to remove for service "websockets-chat" stage "dev"',
    );
  });
});
