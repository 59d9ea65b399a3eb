import * as path from 'path';
import { Readable } from 'stream';
import type { AwsCall } from '../support/fake-aws';
import { isPlainObject } from '../support/fake-aws/objects';

interface SinonFake {
  stackTraceError?: Error;
}
interface SinonSandbox {
  getFakes(): SinonFake[];
  resetHistory(): void;
}

/** The sinon instance a mocking package stubs with (its default sandbox collects every stub). */
function sinonOf(mockPackage: 'aws-sdk-mock' | 'aws-sdk-client-mock'): SinonSandbox {
  const dir = path.dirname(require.resolve(`${mockPackage}/package.json`));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve('sinon', { paths: [dir] })) as SinonSandbox;
}

/**
 * Lets the framework copy of a finished command be garbage collected, as its process ending
 * would, where the SDK mocks and FakeAws hold on to it. Call after each command, with the
 * calls FakeAws recorded during it.
 *
 * aws-sdk-mock (SDK v2) stubs the methods of every client the framework creates, in sinon's
 * default sandbox, which keeps each stub until the mock is restored. A stub keeps the stack it
 * was created on and the stack of every call (Errors kept for sinon's messages), and those
 * stacks are the framework's (~40 MB per command on 3.x). Nothing here reads stub history, so
 * it is dropped.
 *
 * FakeAws (SDK v3) stubs `send` of each copy of the SDK's base client, and restores a copy's
 * stub when the next command loads a new copy; aws-sdk-client-mock's default sandbox would
 * still keep every stub, and through the original `send` and its module the framework copy
 * that loaded it. FakeAws restores its stubs itself, so the sandbox can let go of them all.
 *
 * FakeAws records each call's params, S3 upload bodies included: on SDK v2 that is the
 * framework's own file stream (graceful-fs), which reaches the whole copy. Nothing reads
 * recorded bodies, so streams are replaced by a placeholder.
 */
export function releaseCommandMemory(calls: AwsCall[]): void {
  const v2 = sinonOf('aws-sdk-mock');
  v2.resetHistory();
  for (const fake of v2.getFakes()) delete fake.stackTraceError;
  sinonOf('aws-sdk-client-mock').getFakes().splice(0);
  for (const call of calls) call.params = withoutStreams(call.params);
}

const STREAM_PLACEHOLDER = '<stream>';

function withoutStreams(value: unknown): unknown {
  if (value instanceof Readable) return STREAM_PLACEHOLDER;
  if (Array.isArray(value)) return value.map(withoutStreams);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, withoutStreams(item)]),
  );
}
