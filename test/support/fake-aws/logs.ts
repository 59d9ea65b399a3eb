import type * as AWS from 'aws-sdk';
import { partitionOf } from './arn';
import { CallContext, OperationTable, ServiceBinding } from './call-context';
import { awsError } from './errors';
import { clonePlain } from './objects';
import { pageLimit, paginate } from './pagination';

type LogGroup = AWS.CloudWatchLogs.LogGroup & { logGroupName: string; arn: string };

const invalidParameter = (message: string) => awsError('InvalidParameterException', message, 400);
const notFound = () =>
  awsError('ResourceNotFoundException', 'The specified log group does not exist.', 400);

/** CloudWatch Logs' rules: 1 to 512 of these characters. */
const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const RETENTION_DAYS = new Set([
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
]);
/** describeLogGroups returns at most 50 per page. */
const MAX_PAGE = 50;

/** The fake CloudWatch Logs: log groups and their retention (no log events). */
export class FakeCloudWatchLogs {
  private readonly groups = new Map<string, LogGroup>();

  constructor(private readonly options: { accountId: string; region: string }) {}

  binding(): ServiceBinding {
    const operations = {
      createLogGroup: (
        p: AWS.CloudWatchLogs.CreateLogGroupRequest,
        ctx: CallContext,
      ): Record<string, never> => {
        this.create(p.logGroupName, ctx.region);
        return {};
      },

      describeLogGroups: (
        p: AWS.CloudWatchLogs.DescribeLogGroupsRequest,
      ): AWS.CloudWatchLogs.DescribeLogGroupsResponse => {
        const limit = pageLimit(p.limit, MAX_PAGE, invalidParameter);
        const prefix = p.logGroupNamePrefix ?? '';
        const entries = [...this.groups.values()]
          .filter((group) => group.logGroupName.startsWith(prefix))
          .sort((a, b) => (a.logGroupName < b.logGroupName ? -1 : 1))
          .map((group) => [group.logGroupName, group] as const);
        const page = paginate(
          entries,
          `logGroups:${prefix}`,
          { limit, token: p.nextToken },
          invalidParameter,
        );
        return { logGroups: page.items, nextToken: page.nextToken };
      },

      putRetentionPolicy: (
        p: AWS.CloudWatchLogs.PutRetentionPolicyRequest,
      ): Record<string, never> => {
        if (!RETENTION_DAYS.has(p.retentionInDays)) {
          throw invalidParameter(`Invalid retentionInDays: ${p.retentionInDays}`);
        }
        this.require(p.logGroupName).retentionInDays = p.retentionInDays;
        return {};
      },

      deleteRetentionPolicy: (
        p: AWS.CloudWatchLogs.DeleteRetentionPolicyRequest,
      ): Record<string, never> => {
        delete this.require(p.logGroupName).retentionInDays;
        return {};
      },

      deleteLogGroup: (p: AWS.CloudWatchLogs.DeleteLogGroupRequest): Record<string, never> => {
        this.require(p.logGroupName);
        this.groups.delete(p.logGroupName);
        return {};
      },
    } satisfies OperationTable<AWS.CloudWatchLogs>;
    return { service: 'CloudWatchLogs', operations };
  }

  /** A copy of the log group, or undefined. */
  logGroup(name: string): LogGroup | undefined {
    const group = this.groups.get(name);
    return group && clonePlain(group);
  }

  /** A log group that existed before the test. */
  createLogGroupDirectly(name: string): void {
    this.create(name, this.options.region);
  }

  private create(name: string, region: string): void {
    if (!LOG_GROUP_NAME.test(name)) {
      throw invalidParameter(
        `1 validation error detected: Value '${name}' at 'logGroupName' failed to satisfy constraint`,
      );
    }
    if (this.groups.has(name)) {
      throw awsError(
        'ResourceAlreadyExistsException',
        'The specified log group already exists',
        400,
      );
    }
    this.groups.set(name, {
      logGroupName: name,
      arn: `arn:${partitionOf(region)}:logs:${region}:${this.options.accountId}:log-group:${name}:*`,
      creationTime: Date.now(),
      storedBytes: 0,
      metricFilterCount: 0,
    });
  }

  private require(name: string): LogGroup {
    const group = this.groups.get(name);
    if (!group) throw notFound();
    return group;
  }
}
