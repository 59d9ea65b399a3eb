import Bluebird from 'bluebird';

/**
 * How many AWS calls the plugin keeps in flight at once, per stream of independent calls. The
 * framework's own request queue (1.x) runs two at a time, and API Gateway calls are paced to
 * the account's rate (aws/pacer.ts): at 10 calls/s and 60-80 ms each, less than one is in
 * flight on average, so a higher bound would only queue (measured in bench/README.md).
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

/**
 * Both results once both have settled; the first failure (in argument order) otherwise, raised
 * only when the other has finished too, so that no call is still running when the error
 * reaches the user.
 */
export async function settleBoth<A, B>(first: Promise<A>, second: Promise<B>): Promise<[A, B]> {
  const [a, b] = await Promise.allSettled([first, second]);
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
  return [a.value, b.value];
}
