import type { AwsCall } from '../test/support/fake-aws';
import { isWriteOperation } from '../test/support/fake-aws/call-context';

/** Calls per operation, keyed `Service.operation` (e.g. `ApiGatewayV2.createRoute`). */
export type OperationCounts = Record<string, number>;

export interface CallTotals {
  reads: number;
  writes: number;
  total: number;
}

export const operationKey = (service: string, operation: string): string =>
  `${service}.${operation}`;

/** Reads and writes are told apart as FakeAws records them (get/list/describe... are reads). */
export const isWrite = (key: string): boolean => isWriteOperation(key.split('.')[1] ?? '');

export function countCalls(calls: AwsCall[]): OperationCounts {
  const counts: OperationCounts = {};
  for (const call of calls) {
    const key = operationKey(call.service, call.operation);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Failed calls per `Service.operation error-code`, e.g. a getPolicy on a function with none. */
export function countErrors(calls: AwsCall[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) {
    if (!call.error) continue;
    const key = `${operationKey(call.service, call.operation)} ${call.error}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

export function totals(counts: OperationCounts): CallTotals {
  let reads = 0;
  let writes = 0;
  for (const [key, count] of Object.entries(counts)) {
    if (isWrite(key)) writes += count;
    else reads += count;
  }
  return { reads, writes, total: reads + writes };
}

/** Drops zero entries and sorts by key, so that JSON and tables come out in a stable order. */
export function normalized(counts: OperationCounts): OperationCounts {
  return Object.fromEntries(
    Object.entries(counts)
      .filter(([, count]) => count > 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}
