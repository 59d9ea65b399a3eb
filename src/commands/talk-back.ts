import type Serverless from 'serverless';
import { callbackUrl } from '../arns';
import { readWebsocketConfig } from '../config/read-config';
import { readTalkBackSettings, talksBack, userRoleOf } from '../config/talk-back-settings';
import {
  addTalkBack,
  type CompiledFunction,
  type CompiledTemplate,
} from '../talk-back/compiled-template';
import type { CommandContext } from './context';
import { readyApi, type ReadyApi } from './ensure-api';
import { findDeployedApi } from './find-deployed-api';

/** The framework's compiled stack, as `sls deploy` is about to upload it. */
export interface CompiledStack {
  template: CompiledTemplate;
  /** Function key -> the logical id of its AWS::Lambda::Function. */
  logicalIdOf: (functionKey: string) => string;
  /** The logical id of the role the framework creates for the functions. */
  roleLogicalId: string;
}

/** The stack as the framework holds it in memory during `sls deploy` (1.x to 3.x, osls). */
export function compiledStackOf(serverless: Serverless): CompiledStack {
  const provider = serverless.getProvider('aws');
  const naming = provider.naming as unknown as {
    getLambdaLogicalId(functionKey: string): string;
    getRoleLogicalId(): string;
  };
  const { compiledCloudFormationTemplate } = serverless.service.provider as unknown as {
    compiledCloudFormationTemplate: CompiledTemplate;
  };
  return {
    template: compiledCloudFormationTemplate,
    logicalIdOf: (functionKey) => naming.getLambdaLogicalId(functionKey),
    roleLogicalId: naming.getRoleLogicalId(),
  };
}

/**
 * Before the stack is updated: finds or creates the API (the deploy's only early write) and puts
 * its callback URL and ManageConnections into the compiled template, so that both hold from
 * the first deploy on. Returns the API for the reconcile after the stack update, or undefined
 * when the service has no routes or wants neither.
 */
export async function prepareDeploy(
  context: CommandContext,
  stack: CompiledStack,
): Promise<ReadyApi | undefined> {
  const { service, log } = context;
  const config = readWebsocketConfig(service);
  const settings = readTalkBackSettings(service);
  if (config.routes.length === 0 || !talksBack(settings)) return undefined;

  const api = await readyApi(context, config);
  const functions: CompiledFunction[] = Object.keys(service.functions).map((key) => ({
    key,
    logicalId: stack.logicalIdOf(key),
    userRoleSource: userRoleOf(service, key)?.source,
  }));
  const location = { ...api, region: context.region, stage: service.stage };
  addTalkBack(stack.template, functions, settings, location, stack.roleLogicalId).forEach(
    (warning) => log.warning(warning),
  );
  return api;
}

/** `sls package` makes no AWS call, so it says what `sls deploy` will add. */
export function describeDeployTimeAdditions(context: CommandContext): void {
  const { service, log } = context;
  const settings = readTalkBackSettings(service);
  if (readWebsocketConfig(service).routes.length === 0 || !talksBack(settings)) return;
  const additions = [
    settings.endpointVariable && `the environment variable ${settings.endpointVariable}`,
    settings.manageConnections && 'execute-api:ManageConnections on the API in their role',
  ].filter(Boolean);
  log.info(
    `the package has no WebSocket API id yet: \`sls deploy\` gives every function ${additions.join(' and ')}`,
  );
}

/**
 * `sls deploy function -f X` sets the function's configuration from serverless.yml, which would
 * drop the variable the stack gave it: it is put back in (read-only: the API is only looked up).
 */
export async function keepEndpointVariable(
  context: CommandContext,
  functionKey: string,
): Promise<void> {
  const { service, log } = context;
  const { endpointVariable } = readTalkBackSettings(service);
  const definition = service.functions[functionKey];
  if (!endpointVariable || !definition) return;
  if (readWebsocketConfig(service).routes.length === 0) return;
  const userValue =
    definition.environment?.[endpointVariable] ??
    (service.provider.environment as Record<string, unknown> | undefined)?.[endpointVariable];
  if (userValue !== undefined) return;

  const found = await findDeployedApi(context);
  const apiId = found?.api.ApiId;
  if (!apiId) {
    log.warning(
      `no WebSocket API is deployed for this stage yet, so function "${functionKey}" gets no ${endpointVariable}; run \`sls deploy\``,
    );
    return;
  }
  definition.environment = {
    ...definition.environment,
    [endpointVariable]: callbackUrl(context.region, apiId, service.stage),
  };
}
