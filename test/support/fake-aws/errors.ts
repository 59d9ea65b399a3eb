/** AWS-shaped errors: what the SDK hands callers when a service answers with an error. */
export interface AwsError extends Error {
  code: string;
  statusCode: number;
  retryable: boolean;
  time: Date;
}

/** Builds an error the way the SDK does: 429 and 5xx are retryable, other 4xx are not. */
export function awsError(
  code: string,
  message: string,
  statusCode: number,
  retryable: boolean = statusCode === 429 || statusCode >= 500,
): AwsError {
  const error = new Error(message) as AwsError;
  error.name = code;
  error.code = code;
  error.statusCode = statusCode;
  error.retryable = retryable;
  error.time = new Date();
  return error;
}

export function isAwsError(value: unknown): value is AwsError {
  return value instanceof Error && typeof (value as Partial<AwsError>).code === 'string';
}

// The four API Gateway errors the control plane answers with.
export const notFound = (message: string): AwsError => awsError('NotFoundException', message, 404);
export const conflict = (message: string): AwsError => awsError('ConflictException', message, 409);
export const badRequest = (message: string): AwsError =>
  awsError('BadRequestException', message, 400);
export const tooManyRequests = (message = 'Too Many Requests'): AwsError =>
  awsError('TooManyRequestsException', message, 429);
