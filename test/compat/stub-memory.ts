import * as path from 'path';

interface SinonFake {
  stackTraceError?: Error;
}
interface SinonSandbox {
  getFakes(): SinonFake[];
  resetHistory(): void;
}

/** The sinon instance aws-sdk-mock stubs with (its default sandbox collects every stub). */
function awsSdkMockSinon(): SinonSandbox {
  const awsSdkMock = path.dirname(require.resolve('aws-sdk-mock/package.json'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve('sinon', { paths: [awsSdkMock] })) as SinonSandbox;
}

/**
 * aws-sdk-mock stubs the methods of every SDK client the framework creates, in sinon's default
 * sandbox, which keeps each stub until the mock is restored. A stub keeps the stack it was
 * created on and the stack of every call (Errors kept for sinon's messages), and those stacks
 * are the framework's: through them, every framework copy a scenario loads would stay in
 * memory until the scenario ends (~40 MB per command on 3.x). Nothing here reads stub
 * history, so it is dropped after each command.
 */
export function forgetStubHistory(): void {
  const sinon = awsSdkMockSinon();
  sinon.resetHistory();
  for (const fake of sinon.getFakes()) delete fake.stackTraceError;
}
