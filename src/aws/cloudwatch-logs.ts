import type { CloudWatchLogs as Sdk } from 'aws-sdk';
import { operation, type AwsRequest } from './request';

/** The CloudWatch Logs operations the plugin uses: its own access log group. */
export class CloudWatchLogsClient {
  constructor(private readonly request: AwsRequest) {}

  readonly createLogGroup = this.op<Sdk.CreateLogGroupRequest, object>('createLogGroup');
  readonly deleteLogGroup = this.op<Sdk.DeleteLogGroupRequest, object>('deleteLogGroup');
  readonly putRetentionPolicy = this.op<Sdk.PutRetentionPolicyRequest, object>(
    'putRetentionPolicy',
  );
  readonly deleteRetentionPolicy = this.op<Sdk.DeleteRetentionPolicyRequest, object>(
    'deleteRetentionPolicy',
  );
  private readonly describeLogGroups = this.op<
    Sdk.DescribeLogGroupsRequest,
    Sdk.DescribeLogGroupsResponse
  >('describeLogGroups');

  /** The log group of exactly that name, or undefined (the list is by prefix, paged). */
  async findLogGroup(name: string): Promise<Sdk.LogGroup | undefined> {
    let nextToken: string | undefined;
    do {
      const page = await this.describeLogGroups({ logGroupNamePrefix: name, nextToken });
      const found = page.logGroups?.find((group) => group.logGroupName === name);
      if (found) return found;
      nextToken = page.nextToken;
    } while (nextToken);
    return undefined;
  }

  private op<Params extends object, Result>(method: string): (params: Params) => Promise<Result> {
    return operation<Params, Result>(this.request, 'CloudWatchLogs', method);
  }
}
