import { ApiGatewayClient } from '../../src/aws/apigateway';
import { CloudWatchLogsClient } from '../../src/aws/cloudwatch-logs';
import { LambdaClient } from '../../src/aws/lambda';
import { pacedRequest, RequestPacer } from '../../src/aws/pacer';
import { Route53Client } from '../../src/aws/route53';
import { sdkV3Request } from '../../src/aws/sdk-v3';
import type { AwsRequest } from '../../src/aws/request';
import type { CommandContext } from '../../src/commands/context';
import type { ServiceDescription } from '../../src/config/types';

/**
 * A command's context as plugin.ts builds it (paced requests, one client per service), reaching
 * AWS through SDK v3 clients (retries without back-off), which an installed FakeAws answers; and
 * the lines it logged. `around` wraps the requests, e.g. to play a lost answer. Lets
 * a test run two commands at once, which two framework runs in one process cannot.
 */
export function directContext(
  service: ServiceDescription,
  { region = 'us-east-1', around = (request: AwsRequest) => request } = {},
) {
  const lines: string[] = [];
  const request = around(
    pacedRequest(
      sdkV3Request(
        async () => ({ region, credentials: { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' } }),
        () => 0,
      ),
      // Paced as plugin.ts does, at a rate a test never waits for (the stand-in's limits are off).
      new RequestPacer({ ratePerSecond: 10_000, burst: 10_000 }),
    ),
  );
  const context: CommandContext = {
    service,
    region,
    request,
    apigateway: new ApiGatewayClient(request),
    lambda: new LambdaClient(request),
    logs: new CloudWatchLogsClient(request),
    route53: new Route53Client(request),
    log: {
      info: (message) => lines.push(`info: ${message}`),
      warning: (message) => lines.push(`warning: ${message}`),
      text: (text) => lines.push(...text),
      progress: () => () => undefined,
    },
  };
  return { context, lines };
}
