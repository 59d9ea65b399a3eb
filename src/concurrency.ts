import Bluebird from 'bluebird';

/**
 * How many AWS calls the plugin keeps in flight at once. API Gateway's control plane throttles
 * per account at a few requests per second, and the framework's own request queue (1.x) runs
 * two at a time, so more would only queue or provoke TooManyRequestsException.
 */
export const AWS_CONCURRENCY = 2;

export type Task<R = unknown> = () => Promise<R>;

type Results<T extends readonly Task[]> = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };

/** Runs independent tasks, at most AWS_CONCURRENCY at a time; results in input order. */
export function runBounded<T extends readonly Task[]>(tasks: T): Promise<Results<T>> {
  return Bluebird.map(tasks, (task) => task(), { concurrency: AWS_CONCURRENCY }) as Promise<
    unknown[]
  > as Promise<Results<T>>;
}
