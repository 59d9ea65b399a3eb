import { ACCOUNT, apiGatewayGrants, summarize } from '../../integration/support';
import type { FakeAws } from '../../support/fake-aws';
import { pluginLines, type Scenario } from '../scenario-kit';
import { checkDeployed } from './helpers';

/**
 * `native` uses only the framework's websocket events (string shorthand and `route`), `plugin`
 * only this plugin's (`routeKey`), and `both` one of each for the same action.
 */
const MIXED_YML = `service: mixed
plugins:
  - serverless-websockets-plugin
provider:
  name: aws
  stage: dev
  region: us-east-1
functions:
  native:
    handler: handler.native
    events:
      - websocket: $connect
      - websocket:
          route: $disconnect
  both:
    handler: handler.both
    events:
      - websocket:
          route: echo
      - websocket:
          routeKey: echo
  plugin:
    handler: handler.plugin
    events:
      - websocket:
          routeKey: $connect
      - websocket:
          routeKey: $default
`;

const fn = (name: string) => `mixed-dev-${name}`;

/** The framework's own WebSocket API, as its CloudFormation stack holds it. */
function frameworkApi(fake: FakeAws) {
  const resources = [...(fake.cloudformation.stack('mixed-dev')?.resources.values() ?? [])];
  const ofType = (type: string) => resources.filter((r) => r.ResourceType === type);
  return {
    names: ofType('AWS::ApiGatewayV2::Api').map((r) => r.props.Name),
    routeKeys: ofType('AWS::ApiGatewayV2::Route')
      .map((r) => String(r.props.RouteKey))
      .sort(),
  };
}

/** A service with the framework's own websocket events (1.38+) next to the plugin's. */
export const mixedScenario: Scenario = {
  name: 'mixed',
  since: '1.38.0',
  async run(context) {
    const { checks, fake } = context;
    const service = context.service('mixed', MIXED_YML);

    const api = checkDeployed(context, 'deploy', await context.slsOk(service, 'deploy'), {
      service: 'mixed',
      stage: 'dev',
      region: 'us-east-1',
      functions: ['plugin'],
    });
    const framework = frameworkApi(fake);
    checks.equal("the framework's API", framework, {
      names: ['dev-mixed-websockets'],
      routeKeys: ['$connect', '$disconnect', 'echo'],
    });
    context.observe("the framework's API", framework);
    if (!api) return;
    checks.equal("the plugin's API name", api.api.Name, 'mixed-dev-websockets-api');
    checks.equal("the plugin's routes", summarize(fake.apigw.draft(api.apiId)).routes, {
      $connect: { function: fn('plugin') },
      $default: { function: fn('plugin') },
      echo: { function: fn('both') },
    });

    // Each API may invoke its own functions; the two grants on `both` do not collide.
    const pluginGrant = `arn:aws:execute-api:us-east-1:${ACCOUNT}:${api.apiId}/*`;
    const bothGrants = apiGatewayGrants(fake, fn('both'));
    checks.that(
      'both: one grant per API',
      bothGrants.length === 2 && bothGrants.includes(pluginGrant),
      JSON.stringify(bothGrants),
    );
    const nativeGrants = apiGatewayGrants(fake, fn('native'));
    checks.that(
      "native: only the framework's grant",
      nativeGrants.length === 1 && !nativeGrants.includes(pluginGrant),
      JSON.stringify(nativeGrants),
    );

    const info = pluginLines(await context.slsOk(service, 'info'));
    checks.equal('info: routes', info.slice(2), [
      '  Routes:',
      `    $connect -> ${fn('plugin')}`,
      `    $default -> ${fn('plugin')}`,
      `    echo -> ${fn('both')}`,
    ]);
    context.observe('info: lines', info);

    await context.slsOk(service, 'remove');
    checks.equal("remove: the plugin's API", fake.apigw.api(api.apiId), undefined);
    checks.equal('remove: the stack', fake.cloudformation.stackNames(), []);
  },
};
