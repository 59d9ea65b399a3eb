import { awsStep } from '../errors';
import type { CommandContext } from './context';
import { describeServiceStage, findDeployedApi } from './find-deployed-api';
import { removeLogGroup } from './logs';

/** Deletes this service and stage's API and access log group, and nothing else. */
export async function removeApi(context: CommandContext): Promise<void> {
  const found = await findDeployedApi(context);
  const apiId = found?.api.ApiId;
  if (apiId) {
    await awsStep(`delete API "${found.api.Name}" (${apiId})`, () =>
      context.apigateway.deleteApi({ ApiId: apiId }),
    );
    context.log.info(`removed WebSocket API "${found.api.Name}" (${apiId})`);
  } else {
    context.log.info(`no WebSocket API to remove for ${describeServiceStage(context)}`);
  }
  await removeLogGroup(context);
}
