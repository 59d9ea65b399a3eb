import type { ApiGatewayClient } from '../aws/apigateway';
import type { CloudWatchLogsClient } from '../aws/cloudwatch-logs';
import type { LambdaClient } from '../aws/lambda';
import type { Route53Client } from '../aws/route53';
import type { AwsRequest } from '../aws/request';
import type { ServiceDescription } from '../config/types';
import type { PluginLog } from '../log';

/** Everything a command needs: the service as configured, where it goes, and the AWS clients. */
export interface CommandContext {
  service: ServiceDescription;
  region: string;
  request: AwsRequest;
  apigateway: ApiGatewayClient;
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  route53: Route53Client;
  log: PluginLog;
}
