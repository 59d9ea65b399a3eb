import type { ApiGatewayClient } from '../aws/apigateway';
import { awsStep } from '../errors';
import type { TagsPlan } from './tags-plan';

/**
 * Applies a tags plan to one API Gateway resource; `label` names it in a failure. Removal goes
 * first: the list of managed names changes only with the tag call, so a failed removal is
 * retried by the next deploy.
 */
export async function applyTagsPlan(
  apigateway: ApiGatewayClient,
  resourceArn: string,
  label: string,
  { tag, untag }: TagsPlan,
): Promise<void> {
  if (untag.length > 0) {
    await awsStep(`remove the tags ${untag.join(', ')} from ${label}`, () =>
      apigateway.untagResource({ ResourceArn: resourceArn, TagKeys: untag }),
    );
  }
  if (Object.keys(tag).length > 0) {
    await awsStep(`tag ${label}`, () =>
      apigateway.tagResource({ ResourceArn: resourceArn, Tags: tag }),
    );
  }
}
