import { awsError } from '../support/fake-aws';
import { expectRedeployWritesNothing, productionService } from './production-service';
import {
  editServerlessYml,
  onlyWebsocketApi,
  pluginWrites,
  serviceWith,
  sls,
  slsOk,
  useFakeAws,
  websocketApis,
} from './support';

/** provider.websocketApiDomain: the domain name, the API mapping and the DNS record. */

const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123';
const domainSettings = (extra = '') => `
  websocketApiDomain:
    name: ws.example.com
    certificateArn: ${CERTIFICATE}${extra}`;
const WITH_DNS = domainSettings(`
    basePath: chat
    hostedZoneId: Z123`);

// The framework reads its retry count once per process: none here, so that a throttled call
// fails at once instead of after the framework's own retries.
beforeAll(() => (process.env.SLS_AWS_REQUEST_MAX_RETRIES = '0'));
afterAll(() => delete process.env.SLS_AWS_REQUEST_MAX_RETRIES);

describe('custom domain', () => {
  const aws = useFakeAws();
  beforeEach(() => aws().route53.createHostedZoneDirectly('Z123', 'example.com'));
  const domain = () => aws().apigw.domain('ws.example.com');
  const mappings = () => domain()?.mappings.values() ?? [];

  test('the first deploy creates the domain, maps the stage, upserts the alias record and prints it', async () => {
    const service = serviceWith(productionService(WITH_DNS));
    const output = await slsOk(service, 'deploy');

    const { apiId } = onlyWebsocketApi(aws());
    const [configuration] = domain()!.domain.DomainNameConfigurations!;
    expect(configuration).toMatchObject({
      CertificateArn: CERTIFICATE,
      EndpointType: 'REGIONAL',
      SecurityPolicy: 'TLS_1_2',
    });
    expect(mappings()).toEqual([
      expect.objectContaining({ ApiId: apiId, Stage: 'dev', ApiMappingKey: 'chat' }),
    ]);
    expect(aws().route53.record('Z123', 'ws.example.com', 'A')).toEqual({
      Name: 'ws.example.com.',
      Type: 'A',
      AliasTarget: {
        DNSName: configuration.ApiGatewayDomainName,
        HostedZoneId: configuration.HostedZoneId,
        EvaluateTargetHealth: false,
      },
    });
    expect(output).toContain('wss://ws.example.com/chat');

    const info = await slsOk(service, 'info');
    expect(info).toContain(`wss://${apiId}.execute-api.us-east-1.amazonaws.com/dev`);
    expect(info).toContain('Custom domain URL: wss://ws.example.com/chat');
  });

  test('without hostedZoneId the deploy prints the target for the DNS record', async () => {
    const output = await slsOk(serviceWith(productionService(domainSettings())), 'deploy');

    const [configuration] = domain()!.domain.DomainNameConfigurations!;
    expect(output).toContain(
      `point an A alias (or CNAME) record at ${configuration.ApiGatewayDomainName} (hosted zone ${configuration.HostedZoneId})`,
    );
    expect(mappings()).toEqual([expect.objectContaining({ ApiMappingKey: '' })]);
    expect(aws().callsTo('Route53')).toEqual([]);
  });

  test('an unchanged redeploy writes nothing', async () => {
    const service = serviceWith(productionService(WITH_DNS));
    await slsOk(service, 'deploy');
    await expectRedeployWritesNothing(aws(), service);
  });

  test('changing basePath moves the mapping; removing the key removes mapping and domain', async () => {
    const service = serviceWith(productionService(WITH_DNS));
    await slsOk(service, 'deploy');
    const mappingId = mappings()[0].ApiMappingId;

    editServerlessYml(service, () => productionService(domainSettings(`\n    basePath: talk`)));
    await slsOk(service, 'deploy');
    expect(mappings()).toEqual([
      expect.objectContaining({ ApiMappingId: mappingId, ApiMappingKey: 'talk' }),
    ]);

    editServerlessYml(service, () => productionService(''));
    await slsOk(service, 'deploy');
    expect(domain()).toBeUndefined();
    expect(onlyWebsocketApi(aws()).api.Tags).not.toHaveProperty(
      'serverless-websockets-plugin:domain',
    );
    await expectRedeployWritesNothing(aws(), service);
  });

  test('sls remove removes the mapping, and keeps a domain it did not create or that has other mappings', async () => {
    aws().apigw.createDomainNameDirectly('ws.example.com', CERTIFICATE);
    const service = serviceWith(productionService(WITH_DNS));
    await slsOk(service, 'deploy');

    await slsOk(service, 'remove');

    expect(websocketApis(aws())).toEqual([]);
    expect(domain()).toBeDefined();
    expect(mappings()).toEqual([]);
  });

  test('sls remove deletes the domain the plugin created when nothing else is mapped', async () => {
    const service = serviceWith(productionService(WITH_DNS));
    await slsOk(service, 'deploy');

    await slsOk(service, 'remove');

    expect(domain()).toBeUndefined();
  });

  test('a throttled CreateDomainName says what AWS allows', async () => {
    aws().failNext(
      { service: 'ApiGatewayV2', operation: 'createDomainName' },
      awsError('TooManyRequestsException', 'Too Many Requests', 429, false),
    );

    const result = await sls(serviceWith(productionService(WITH_DNS)), 'deploy');

    expect(result.error?.message).toContain(
      'create custom domain ws.example.com (AWS allows one CreateDomainName per 30 seconds per account; deploy again in a minute)',
    );
  });

  test.each([
    [
      'provider.websocketApiDomain.name',
      `\n  websocketApiDomain: { name: 'not a host', certificateArn: '${CERTIFICATE}' }`,
    ],
    [
      'provider.websocketApiDomain.certificateArn',
      `\n  websocketApiDomain: { name: ws.example.com, certificateArn: 'arn:aws:iam::123456789012:server-certificate/x' }`,
    ],
    [
      'provider.websocketApiDomain.basePath',
      `\n  websocketApiDomain: { name: ws.example.com, certificateArn: '${CERTIFICATE}', basePath: 'a/b' }`,
    ],
    [
      'provider.websocketApiDomain.hostedZoneId',
      `\n  websocketApiDomain: { name: ws.example.com, certificateArn: '${CERTIFICATE}', hostedZoneId: 'zone one' }`,
    ],
  ])('bad input: %s is a configuration error before any AWS write', async (key, settings) => {
    const result = await sls(serviceWith(productionService(settings)), 'deploy');

    expect(result.error?.message).toContain(key);
    expect(pluginWrites(aws())).toEqual([]);
  });
});
