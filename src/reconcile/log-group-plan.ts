import type { CloudWatchLogs } from 'aws-sdk';
import { partitionOf } from '../arns';

/**
 * The plugin's access log group. Its name differs from the framework's own websocket log group
 * (`/aws/websocket/<service>-<stage>`), so that a service mixing both kinds of events has two
 * groups and neither tool touches the other's. Pure.
 */
export function logGroupName(service: string, stage: string): string {
  return `/aws/websocket/${service}-${stage}-websockets-plugin`;
}

export function logGroupArn(region: string, accountId: string, name: string): string {
  return `arn:${partitionOf(region)}:logs:${region}:${accountId}:log-group:${name}`;
}

export interface WantedLogGroup {
  name: string;
  /** Undefined: keep events forever. */
  retentionInDays?: number;
}

export interface LogGroupPlan {
  create: boolean;
  putRetentionInDays?: number;
  deleteRetention: boolean;
}

export function planLogGroup(
  wanted: WantedLogGroup,
  existing: CloudWatchLogs.LogGroup | undefined,
): LogGroupPlan {
  const current = existing?.retentionInDays;
  return {
    create: !existing,
    putRetentionInDays:
      wanted.retentionInDays !== undefined && wanted.retentionInDays !== current
        ? wanted.retentionInDays
        : undefined,
    deleteRetention: wanted.retentionInDays === undefined && current !== undefined,
  };
}
