// The SDK's real module object (what aws-sdk-mock patches); `import * as` would copy it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import AWS = require('aws-sdk');
import { Route53 } from '@aws-sdk/client-route-53';
import { FakeAws } from './fake-aws';

/** The stand-in's custom domain names, API mappings and Route 53 records. */

const credentials = { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' };
const config = { region: 'us-east-1', credentials, maxAttempts: 1 };
const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';
let fake: FakeAws;
beforeEach(() => {
  fake = new FakeAws({ pageSize: 2 });
  fake.install();
});
afterEach(() => fake.restore());

async function api(client: AWS.ApiGatewayV2, ProtocolType: 'WEBSOCKET' | 'HTTP') {
  const { ApiId } = await client
    .createApi({ Name: 'a', ProtocolType, RouteSelectionExpression: '$request.body.a' })
    .promise();
  const apiId = ApiId as string;
  await client
    .createRoute({ ApiId: apiId, RouteKey: ProtocolType === 'HTTP' ? 'GET /' : 'a' })
    .promise();
  const { DeploymentId } = await client.createDeployment({ ApiId: apiId }).promise();
  await client.createStage({ ApiId: apiId, StageName: 'dev', DeploymentId }).promise();
  return apiId;
}

describe('FakeAws custom domain names', () => {
  it('creates regional domains with the certificate of the region, once', async () => {
    const client = new AWS.ApiGatewayV2(config);
    const create = (DomainName: string, CertificateArn = CERTIFICATE, EndpointType = 'REGIONAL') =>
      client
        .createDomainName({
          DomainName,
          DomainNameConfigurations: [{ CertificateArn, EndpointType }],
        })
        .promise();
    const created = await create('WS.example.com');
    expect(created).toMatchObject({
      DomainName: 'ws.example.com',
      DomainNameConfigurations: [
        {
          SecurityPolicy: 'TLS_1_2',
          HostedZoneId: 'Z1UJRXOUMOOFQ8',
          ApiGatewayDomainName: expect.stringMatching(
            /^d-\w+\.execute-api\.us-east-1\.amazonaws\.com$/,
          ),
        },
      ],
    });
    await expect(create('ws.example.com')).rejects.toMatchObject({ code: 'ConflictException' });
    await expect(create('bad_name')).rejects.toMatchObject({ code: 'BadRequestException' });
    await expect(
      create('a.example.com', 'arn:aws:acm:eu-west-1:123456789012:certificate/abc'),
    ).rejects.toMatchObject({ code: 'BadRequestException' });
    await expect(create('b.example.com', 'arn:aws:iam::1:x')).rejects.toMatchObject({
      code: 'BadRequestException',
    });
    await expect(create('c.example.com', CERTIFICATE, 'EDGE')).rejects.toMatchObject({
      code: 'BadRequestException',
    });
    await client.deleteDomainName({ DomainName: 'ws.example.com' }).promise();
    await expect(
      client.getDomainName({ DomainName: 'ws.example.com' }).promise(),
    ).rejects.toMatchObject({ code: 'NotFoundException' });
  });

  it('maps stages by key, pages mappings, refuses taken keys, missing stages and mixed protocols', async () => {
    const client = new AWS.ApiGatewayV2(config);
    fake.apigw.createDomainNameDirectly('ws.example.com', CERTIFICATE);
    const websocket = await api(client, 'WEBSOCKET');
    const http = await api(client, 'HTTP');
    const map = (ApiId: string, ApiMappingKey: string, Stage = 'dev') =>
      client
        .createApiMapping({ DomainName: 'ws.example.com', ApiId, Stage, ApiMappingKey })
        .promise();

    const first = await map(websocket, 'chat');
    await map(websocket, '');
    await map(websocket, 'other');
    await expect(map(websocket, 'chat')).rejects.toMatchObject({ code: 'ConflictException' });
    await expect(map(websocket, 'x', 'prod')).rejects.toMatchObject({ code: 'NotFoundException' });
    await expect(map(websocket, 'a/b/c')).rejects.toMatchObject({ code: 'BadRequestException' });
    await expect(map(http, 'http')).rejects.toMatchObject({ code: 'BadRequestException' });

    const page = await client.getApiMappings({ DomainName: 'ws.example.com' }).promise();
    expect(page.Items).toHaveLength(2);
    expect(page.NextToken).toBeDefined();

    await client
      .updateApiMapping({
        DomainName: 'ws.example.com',
        ApiMappingId: first.ApiMappingId as string,
        ApiId: websocket,
        ApiMappingKey: 'moved',
      })
      .promise();
    await client
      .deleteApiMapping({
        DomainName: 'ws.example.com',
        ApiMappingId: first.ApiMappingId as string,
      })
      .promise();
    expect(
      fake.apigw
        .domain('ws.example.com')
        ?.mappings.values()
        .map((m) => m.ApiMappingKey),
    ).toEqual(['', 'other']);
  });
});

describe('FakeAws Route 53', () => {
  it('upserts, lists from a name and refuses records outside the zone, through both SDKs', async () => {
    fake.route53.createHostedZoneDirectly('Z123', 'example.com');
    const v2 = new AWS.Route53(config);
    const alias = (Action: 'CREATE' | 'UPSERT' | 'DELETE', Name: string) => ({
      HostedZoneId: 'Z123',
      ChangeBatch: {
        Changes: [
          {
            Action,
            ResourceRecordSet: {
              Name,
              Type: 'A' as const,
              AliasTarget: {
                DNSName: 'd-1.example.net',
                HostedZoneId: 'Z9',
                EvaluateTargetHealth: false,
              },
            },
          },
        ],
      },
    });
    await v2.changeResourceRecordSets(alias('UPSERT', 'ws.example.com')).promise();
    await v2.changeResourceRecordSets(alias('UPSERT', 'WS.example.com.')).promise();
    await expect(
      v2.changeResourceRecordSets(alias('CREATE', 'ws.example.com')).promise(),
    ).rejects.toMatchObject({
      code: 'InvalidChangeBatch',
    });
    await expect(
      v2.changeResourceRecordSets(alias('UPSERT', 'ws.example.org')).promise(),
    ).rejects.toMatchObject({
      code: 'InvalidChangeBatch',
    });
    await expect(
      v2
        .changeResourceRecordSets({ ...alias('UPSERT', 'a.example.com'), HostedZoneId: 'Z404' })
        .promise(),
    ).rejects.toMatchObject({ code: 'NoSuchHostedZone' });

    const v3 = new Route53(config);
    const listed = await v3.listResourceRecordSets({
      HostedZoneId: 'Z123',
      StartRecordName: 'ws.example.com',
      StartRecordType: 'A',
    });
    expect(listed.ResourceRecordSets).toEqual([
      expect.objectContaining({ Name: 'ws.example.com.', Type: 'A' }),
    ]);
    await v3.changeResourceRecordSets(alias('DELETE', 'ws.example.com'));
    expect(fake.route53.record('Z123', 'ws.example.com', 'A')).toBeUndefined();
  });
});
