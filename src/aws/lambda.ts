import type { Lambda as Sdk } from 'aws-sdk';
import { parseLambdaFunctionArn } from '../arns';
import { awsErrorCode } from '../errors';
import { operation, type AwsRequest, type RequestOptions } from './request';

/** One statement of a function's resource policy, as much of it as the plugin reads. */
export interface PolicyStatement {
  Sid?: string;
  Principal?: { Service?: string } | string;
  Condition?: { ArnLike?: Record<string, string> };
}

/**
 * A function's Lambda API is its own region's: a client of another region answers
 * ResourceNotFoundException "Functions from 'us-east-2' are not reachable in this region
 * ('us-east-1')" (github.com/serverless/serverless/issues/4711). So a call on a function given
 * by ARN goes to the ARN's region; a bare name stays in the service's region.
 */
function regionOf(functionName: string): RequestOptions | undefined {
  const region = parseLambdaFunctionArn(functionName)?.region;
  return region ? { region } : undefined;
}

export class LambdaClient {
  constructor(private readonly request: AwsRequest) {}

  private readonly add = operation<Sdk.AddPermissionRequest, Sdk.AddPermissionResponse>(
    this.request,
    'Lambda',
    'addPermission',
  );
  private readonly remove = operation<Sdk.RemovePermissionRequest, object>(
    this.request,
    'Lambda',
    'removePermission',
  );
  private readonly getPolicy = operation<Sdk.GetPolicyRequest, Sdk.GetPolicyResponse>(
    this.request,
    'Lambda',
    'getPolicy',
  );

  addPermission(params: Sdk.AddPermissionRequest): Promise<Sdk.AddPermissionResponse> {
    return this.add(params, regionOf(params.FunctionName));
  }

  removePermission(params: Sdk.RemovePermissionRequest): Promise<object> {
    return this.remove(params, regionOf(params.FunctionName));
  }

  private readonly getFunctionConfiguration = operation<
    Sdk.GetFunctionConfigurationRequest,
    Sdk.FunctionConfiguration
  >(this.request, 'Lambda', 'getFunctionConfiguration');

  /** False when no function has this name (or ARN) in this region. */
  async functionExists(FunctionName: string): Promise<boolean> {
    try {
      await this.getFunctionConfiguration({ FunctionName }, regionOf(FunctionName));
      return true;
    } catch (error) {
      if (awsErrorCode(error) === 'ResourceNotFoundException') return false;
      throw error;
    }
  }

  /** The statements of a function's resource policy; none when it has no policy yet. */
  async getPolicyStatements(FunctionName: string): Promise<PolicyStatement[]> {
    try {
      const { Policy } = await this.getPolicy({ FunctionName }, regionOf(FunctionName));
      const parsed = JSON.parse(Policy ?? '{}') as { Statement?: PolicyStatement[] };
      return parsed.Statement ?? [];
    } catch (error) {
      // AWS answers ResourceNotFoundException both for a missing function and for no policy;
      // a missing function then fails clearly at addPermission.
      if (awsErrorCode(error) === 'ResourceNotFoundException') return [];
      throw error;
    }
  }
}
