import {
  editServerlessYml,
  onlyWebsocketApi,
  serviceWith,
  serviceYml,
  slsOk,
  useFakeAws,
} from './support';

const CLOCK = serviceYml(
  'clock',
  '',
  `  tick:
    handler: handler.tick
    events:
      - websocket:
          routeKey: $default
      - websocket:
          routeKey: tick
`,
);

describe('no writes when the framework does not deploy', () => {
  const aws = useFakeAws();

  const liveRoutes = () => {
    const { apiId } = onlyWebsocketApi(aws());
    return aws()
      .apigw.live(apiId, 'dev')
      ?.routes.map((route) => route.RouteKey)
      .sort();
  };

  test('deploy --noDeploy (1.x) on a deployed service writes nothing; the stage serves the old routes', async () => {
    const service = serviceWith(CLOCK);
    await slsOk(service, 'deploy');
    editServerlessYml(service, (yml) => yml.replace('routeKey: tick', 'routeKey: tock'));
    aws().resetCalls();

    await slsOk(service, 'deploy', '--noDeploy');

    expect(aws().calls.filter((call) => call.write)).toEqual([]);
    expect(liveRoutes()).toEqual(['$default', 'tick']);
  });
});
