import {
  editServerlessYml,
  expectRefusedBeforeAnyWrite,
  serviceWith,
  serviceYml,
  sls,
  slsOk,
  summarize,
  useFakeAws,
  websocketApis,
} from './support';

const SOCKET_EVENTS = `    events:
      - websocket:
          routeKey: $connect
      - websocket:
          routeKey: $default
`;
const SHOP = serviceYml(
  'shop',
  '  websocketApiName: dev-shop-websockets',
  `  socket:
    handler: handler.socket
${SOCKET_EVENTS}`,
);

describe('never adopt what another tool owns', () => {
  const aws = useFakeAws();

  /** The framework's own websocket API (named as the framework names it), in stack shop-dev. */
  function frameworkApi() {
    const api = aws().apigw.createCloudFormationApiDirectly(
      { stackName: 'shop-dev', logicalId: 'WebsocketsApi' },
      {
        Name: 'dev-shop-websockets',
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: '$request.body.action',
      },
    );
    const apiId = api.ApiId as string;
    aws().apigw.deployDirectly(apiId, 'dev', ['$connect', 'hello']);
    return { apiId, before: summarize(aws().apigw.draft(apiId)) };
  }

  test('a CloudFormation-owned API named like websocketApiName: deploy fails before any write, saying why and what to do', async () => {
    const { apiId, before } = frameworkApi();

    const result = await sls(serviceWith(SHOP), 'deploy');

    expectRefusedBeforeAnyWrite(
      aws(),
      result,
      `WebSocket API "dev-shop-websockets" (${apiId}) belongs to CloudFormation stack "shop-dev" (tag aws:cloudformation:stack-name); the plugin never adopts or changes an API another tool owns (its routes and stage are that tool's). Set provider.websocketApiName to another name than "dev-shop-websockets" (the plugin then creates its own API), or remove the framework's own \`websocket\` events (\`route\`) or the other stack that made it`,
    );
    expect(summarize(aws().apigw.draft(apiId))).toEqual(before);
    expect(
      aws()
        .apigw.live(apiId, 'dev')
        ?.routes.map((r) => r.RouteKey)
        .sort(),
    ).toEqual(['$connect', 'hello']);
  });

  test('sls info and sls remove leave it alone', async () => {
    // The stack first (info needs it), from the service before it had websocket events.
    const service = serviceWith(SHOP.replace(SOCKET_EVENTS, ''));
    await slsOk(service, 'deploy');
    editServerlessYml(service, () => SHOP);
    const { apiId, before } = frameworkApi();
    aws().resetCalls();

    const info = await slsOk(service, 'info');
    const remove = await sls(service, 'remove');

    expect(info).toContain('no WebSocket API deployed for service "shop" stage "dev"');
    expect(remove.output).toContain(
      `left WebSocket API "dev-shop-websockets" (${apiId}) alone: it belongs to CloudFormation stack "shop-dev" (tag aws:cloudformation:stack-name), not to this plugin`,
    );
    expect(aws().calls.filter((c) => c.write && c.service === 'ApiGatewayV2')).toEqual([]);
    expect(summarize(aws().apigw.draft(apiId))).toEqual(before);
    expect(aws().apigw.api(apiId)?.api.Tags).not.toHaveProperty(
      'serverless-websockets-plugin:service',
    );
  });

  test("beside the plugin's own API, an owned API of the same name is ignored", async () => {
    const service = serviceWith(SHOP);
    await slsOk(service, 'deploy');
    const { apiId: theirs, before } = frameworkApi();

    await slsOk(service, 'deploy');
    await slsOk(service, 'remove');

    expect(websocketApis(aws()).map((state) => state.apiId)).toEqual([theirs]);
    expect(summarize(aws().apigw.draft(theirs))).toEqual(before);
  });
});
