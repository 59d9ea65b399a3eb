/**
 * Errors the plugin raises. The plugin turns both into the framework's own error class at the
 * hook boundary (see plugin.ts) so that `sls` prints them without a stack trace.
 */

/** serverless.yml asks for something this plugin cannot build. Raised before any AWS write. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `serverless-websockets-plugin: ${problems[0]}`
        : `serverless-websockets-plugin found ${problems.length} problems:\n${problems
            .map((problem) => `  - ${problem}`)
            .join('\n')}`,
    );
    this.name = 'ConfigurationError';
  }
}

/** An AWS call failed; the message says which step and which resource, then AWS's own words. */
export class AwsStepError extends Error {
  constructor(
    readonly step: string,
    readonly cause: unknown,
  ) {
    super(`serverless-websockets-plugin could not ${step}: ${describeCause(cause)}`);
    this.name = 'AwsStepError';
  }
}

/**
 * The AWS error code, whether the error came straight from SDK v2 (`code`) or SDK v3 (`name`,
 * beside `$metadata`), was wrapped by the framework (`providerError`, whose own `code` is a
 * normalized `AWS_...` string in 3.x), or was wrapped as a step of this plugin.
 */
export function awsErrorCode(error: unknown): string | undefined {
  if (error instanceof AwsStepError) return awsErrorCode(error.cause);
  if (!isObject(error)) return undefined;
  const { providerError } = error as { providerError?: unknown };
  return (isObject(providerError) ? providerErrorCode(providerError) : undefined) ?? sdkCode(error);
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** JavaScript's own error names, which no AWS error code is. */
const JS_ERROR_NAMES = new Set([
  'Error',
  'TypeError',
  'RangeError',
  'ReferenceError',
  'SyntaxError',
  'EvalError',
  'URIError',
  'AggregateError',
]);

/** The error the framework wrapped: SDK v2's, or SDK v3's whose name Serverless v4 copies to code. */
function providerErrorCode(providerError: object): string | undefined {
  const { name } = providerError as { name?: unknown };
  if (typeof name === 'string' && !JS_ERROR_NAMES.has(name)) return sdkCode(providerError) ?? name;
  return sdkCode(providerError);
}

function sdkCode(error: object): string | undefined {
  const { code, name, $metadata } = error as {
    code?: unknown;
    name?: unknown;
    $metadata?: unknown;
  };
  if (typeof code === 'string') return code;
  // SDK v3 service errors: the code is the name; `$metadata` tells them from other errors.
  return typeof name === 'string' && isObject($metadata) ? name : undefined;
}

function describeCause(cause: unknown): string {
  const code = awsErrorCode(cause);
  const message = cause instanceof Error ? cause.message : String(cause);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

/** Runs one AWS step, so that a failure names what was being done. */
export async function awsStep<T>(step: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AwsStepError) throw error;
    throw new AwsStepError(step, error);
  }
}
