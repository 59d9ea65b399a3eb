import type { Lambda as Sdk } from 'aws-sdk';
import { awsErrorCode } from '../errors';
import { operation, type AwsRequest } from './request';

/** One statement of a function's resource policy, as much of it as the plugin reads. */
export interface PolicyStatement {
  Sid?: string;
  Principal?: { Service?: string } | string;
  Condition?: { ArnLike?: Record<string, string> };
}

export class LambdaClient {
  constructor(private readonly request: AwsRequest) {}

  readonly addPermission = this.op<Sdk.AddPermissionRequest, Sdk.AddPermissionResponse>(
    'addPermission',
  );
  readonly removePermission = this.op<Sdk.RemovePermissionRequest, object>('removePermission');
  private readonly getPolicy = this.op<Sdk.GetPolicyRequest, Sdk.GetPolicyResponse>('getPolicy');

  private readonly getFunctionConfiguration = this.op<
    Sdk.GetFunctionConfigurationRequest,
    Sdk.FunctionConfiguration
  >('getFunctionConfiguration');

  /** False when no function has this name (or ARN) in this region. */
  async functionExists(FunctionName: string): Promise<boolean> {
    try {
      await this.getFunctionConfiguration({ FunctionName });
      return true;
    } catch (error) {
      if (awsErrorCode(error) === 'ResourceNotFoundException') return false;
      throw error;
    }
  }

  /** The statements of a function's resource policy; none when it has no policy yet. */
  async getPolicyStatements(FunctionName: string): Promise<PolicyStatement[]> {
    try {
      const { Policy } = await this.getPolicy({ FunctionName });
      const parsed = JSON.parse(Policy ?? '{}') as { Statement?: PolicyStatement[] };
      return parsed.Statement ?? [];
    } catch (error) {
      // AWS answers ResourceNotFoundException both for a missing function and for no policy;
      // a missing function then fails clearly at addPermission.
      if (awsErrorCode(error) === 'ResourceNotFoundException') return [];
      throw error;
    }
  }

  private op<Params extends object, Result>(method: string): (params: Params) => Promise<Result> {
    return operation<Params, Result>(this.request, 'Lambda', method);
  }
}
