import { pluginWrites } from '../../integration/support';
import { pluginLines, type Scenario } from '../scenario-kit';
import { schemaComplaints, theApi } from './helpers';

/**
 * Logs and a custom domain on every version: the log group and the stage's log settings, the
 * domain's mapping and alias record, the custom URL in `sls info`, an unchanged redeploy
 * without writes, and `sls remove` taking the mapping, the domain and the log group with it.
 */
const LOG_GROUP = '/aws/websocket/prod-dev-websockets-plugin';
const YML = `service: prod
plugins:
  - serverless-websockets-plugin
provider:
  name: aws
  runtime: nodejs18.x
  logs:
    websocket: true
  logRetentionInDays: 7
  websocketApiTags: { team: chat }
  websocketApiDomain:
    name: ws.example.com
    certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/compat
    basePath: chat
    hostedZoneId: ZCOMPAT
functions:
  hello:
    handler: handler.hello
    events:
      - websocket:
          routeKey: $default
          throttling: { burstLimit: 5 }
`;

export const productionScenario: Scenario = {
  name: 'production',
  async run(context) {
    const { checks, fake } = context;
    fake.apigwAccount.setCloudwatchRoleArnDirectly(
      'us-east-1',
      'arn:aws:iam::123456789012:role/apigateway-cloudwatch',
    );
    fake.route53.createHostedZoneDirectly('ZCOMPAT', 'example.com');
    const service = context.service('prod', YML);

    const output = await context.slsOk(service, 'deploy');
    // The framework's validation (1.83+) knows every production key.
    checks.equal('schema complaints', schemaComplaints(output), []);
    const api = theApi(context, 'deploy');
    if (!api) return;
    const stage = api.stages.get('dev');
    checks.equal('log group retention', fake.logs.logGroup(LOG_GROUP)?.retentionInDays, 7);
    checks.equal(
      'access log destination',
      stage?.AccessLogSettings?.DestinationArn,
      `arn:aws:logs:us-east-1:123456789012:log-group:${LOG_GROUP}`,
    );
    checks.equal('execution logging', stage?.DefaultRouteSettings?.LoggingLevel, 'INFO');
    checks.equal('route throttling', stage?.RouteSettings?.$default?.ThrottlingBurstLimit, 5);
    checks.equal('stage tag', stage?.Tags?.team, 'chat');
    const domain = fake.apigw.domain('ws.example.com');
    checks.equal(
      'mapping',
      domain?.mappings.values().map((m) => [m.ApiId, m.Stage, m.ApiMappingKey]),
      [[api.apiId, 'dev', 'chat']],
    );
    checks.equal(
      'alias record',
      fake.route53.record('ZCOMPAT', 'ws.example.com', 'A')?.AliasTarget?.DNSName,
      domain?.domain.DomainNameConfigurations?.[0].ApiGatewayDomainName,
    );

    fake.resetCalls();
    await context.slsOk(service, 'deploy');
    checks.equal('writes of an unchanged redeploy', pluginWrites(fake), []);

    const info = pluginLines(await context.slsOk(service, 'info'));
    checks.equal('info custom URL', info[2], '  Custom domain URL: wss://ws.example.com/chat');

    await context.slsOk(service, 'remove');
    checks.equal('domain after remove', fake.apigw.domain('ws.example.com'), undefined);
    checks.equal('log group after remove', fake.logs.logGroup(LOG_GROUP), undefined);
  },
};
