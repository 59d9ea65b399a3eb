import { partitionOf } from '../arns';
import { getCloudwatchRoleArn } from '../aws/apigateway-account';
import type { LogsConfig } from '../config/read-production';
import { awsErrorCode, awsStep, ConfigurationError } from '../errors';
import {
  logGroupName,
  planLogGroup,
  type LogGroupPlan,
  type WantedLogGroup,
} from '../reconcile/log-group-plan';
import type { CommandContext } from './context';

/**
 * API Gateway writes access and execution logs with one role per account and region. When it
 * is missing the deploy stops before its first write, saying what to set: the plugin does not
 * create IAM roles or change account-wide settings that other APIs share.
 */
export async function checkLoggingRole(
  context: CommandContext,
  logs: LogsConfig | undefined,
  accountId: string,
): Promise<void> {
  if (!logs || !(logs.accessLogging || logs.executionLogging)) return;
  const roleArn = await awsStep('read the API Gateway account settings', () =>
    getCloudwatchRoleArn(context.request),
  );
  if (roleArn) return;
  const { region } = context;
  const partition = partitionOf(region);
  throw new ConfigurationError([
    `provider.logs.websocket needs API Gateway's CloudWatch Logs role, which account ${accountId} has not set in ${region}; nothing was changed. ` +
      `Set it once per account and region: create an IAM role that apigateway.amazonaws.com may assume, with the managed policy arn:${partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs, then run ` +
      `\`aws apigateway update-account --region ${region} --patch-operations op=replace,path=/cloudwatchRoleArn,value=<role ARN>\`. ` +
      'Or turn the logs off: provider.logs.websocket: false.',
  ]);
}

/** Creates the log group; false when it exists already. */
async function createLogGroup(context: CommandContext, name: string): Promise<boolean> {
  return awsStep(`create log group ${name}`, () =>
    context.logs.createLogGroup({ logGroupName: name }).then(
      () => true,
      (error: unknown) => {
        if (awsErrorCode(error) === 'ResourceAlreadyExistsException') return false;
        throw error;
      },
    ),
  );
}

/**
 * What the deploy does to the access log group. With a new API (`createFirst`) the group is most
 * likely missing: it is created without a read, and read only when it turns out to exist.
 */
export type LogGroupStepPlan =
  | { wanted: WantedLogGroup; createFirst: true }
  | { wanted: WantedLogGroup; createFirst: false; plan: LogGroupPlan };

const readLogGroup = (context: CommandContext, name: string) =>
  awsStep(`read log group ${name}`, () => context.logs.findLogGroup(name));

export async function readLogGroupPlan(
  context: CommandContext,
  wanted: WantedLogGroup | undefined,
  isNew: boolean,
): Promise<LogGroupStepPlan | undefined> {
  if (!wanted) return undefined;
  if (isNew) return { wanted, createFirst: true };
  const plan = planLogGroup(wanted, await readLogGroup(context, wanted.name));
  return { wanted, createFirst: false, plan };
}

/** Creates the log group when missing and sets its retention; returns the writes made. */
export async function applyLogGroupPlan(
  context: CommandContext,
  step: LogGroupStepPlan | undefined,
): Promise<number> {
  if (!step) return 0;
  const { logs } = context;
  const { wanted } = step;
  const { name } = wanted;
  const created = step.createFirst && (await createLogGroup(context, name));
  const plan = step.createFirst
    ? planLogGroup(wanted, created ? { logGroupName: name } : await readLogGroup(context, name))
    : step.plan;
  // Made in the meantime by another deploy of the same stage: it is there, as wanted.
  const madeNow = created || (plan.create && (await createLogGroup(context, name)));
  let writes = madeNow ? 1 : 0;
  const days = plan.putRetentionInDays;
  if (days !== undefined) {
    await awsStep(`keep the events of log group ${name} for ${days} days`, () =>
      logs.putRetentionPolicy({ logGroupName: name, retentionInDays: days }),
    );
    writes += 1;
  }
  if (plan.deleteRetention) {
    await awsStep(`keep the events of log group ${name} forever`, () =>
      logs.deleteRetentionPolicy({ logGroupName: name }),
    );
    writes += 1;
  }
  return writes;
}

/** Creates the access log group when missing and sets its retention; returns the writes made. */
export async function ensureLogGroup(
  context: CommandContext,
  wanted: WantedLogGroup | undefined,
  isNew: boolean,
): Promise<number> {
  return applyLogGroupPlan(context, await readLogGroupPlan(context, wanted, isNew));
}

/** `sls remove`: deletes the plugin's access log group, if there is one. */
export async function removeLogGroup(context: CommandContext): Promise<void> {
  const name = logGroupName(context.service.service, context.service.stage);
  const existing = await readLogGroup(context, name);
  if (!existing) return;
  await awsStep(`delete log group ${name}`, () =>
    context.logs.deleteLogGroup({ logGroupName: name }),
  );
  context.log.info(`removed log group ${name}`);
}
