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
 * The AWS error code, whether the error came straight from the SDK, wrapped by the framework,
 * or wrapped as a step of this plugin.
 */
export function awsErrorCode(error: unknown): string | undefined {
  if (error instanceof AwsStepError) return awsErrorCode(error.cause);
  if (typeof error !== 'object' || error === null) return undefined;
  const { providerError, code } = error as { providerError?: { code?: unknown }; code?: unknown };
  const found = providerError?.code ?? code;
  return typeof found === 'string' ? found : undefined;
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
