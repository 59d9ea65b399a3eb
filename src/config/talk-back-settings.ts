import { ConfigurationError } from '../errors';
import type { ServiceDescription } from './types';

/**
 * What the plugin gives the service's functions so that they can talk back to clients: the
 * callback URL in an environment variable, and the right to call `@connections` on this API.
 */
export interface TalkBackSettings {
  /** Whether the framework's role gets `execute-api:ManageConnections` on this API and stage. */
  manageConnections: boolean;
  /** The environment variable that holds the callback URL; undefined when turned off. */
  endpointVariable: string | undefined;
}

export const DEFAULT_ENDPOINT_VARIABLE = 'WEBSOCKET_API_ENDPOINT';

/** What Lambda accepts as an environment variable name. */
const VARIABLE_NAME = /^[A-Za-z][A-Za-z0-9_]+$/;

/** Reads `provider.websocketApiManageConnections` and `provider.websocketApiEndpointVariable`. */
export function readTalkBackSettings(service: ServiceDescription): TalkBackSettings {
  const { websocketApiManageConnections: manage, websocketApiEndpointVariable: variable } =
    service.provider;
  const problems: string[] = [];
  if (manage !== undefined && typeof manage !== 'boolean') {
    problems.push(
      `provider.websocketApiManageConnections must be true or false, got ${JSON.stringify(manage)}`,
    );
  }
  if (
    variable !== undefined &&
    variable !== false &&
    !(typeof variable === 'string' && VARIABLE_NAME.test(variable))
  ) {
    problems.push(
      `provider.websocketApiEndpointVariable must be an environment variable name (a letter, then letters, digits or _) or false, got ${JSON.stringify(variable)}`,
    );
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return {
    manageConnections: manage !== false,
    endpointVariable:
      variable === false
        ? undefined
        : ((variable as string | undefined) ?? DEFAULT_ENDPOINT_VARIABLE),
  };
}

/** Whether the functions get anything at all (and so whether the API id is needed early). */
export function talksBack(settings: TalkBackSettings): boolean {
  return settings.manageConnections || settings.endpointVariable !== undefined;
}

/**
 * The role a function runs with when the user brings one (function `role`, `provider.iam.role`
 * as an ARN or name, `provider.role`), as the user wrote it; undefined for the framework's role.
 */
export function userRoleOf(
  service: ServiceDescription,
  functionKey: string,
): { source: string } | undefined {
  if (service.functions[functionKey].role !== undefined)
    return { source: `function "${functionKey}" role` };
  const iam = service.provider.iam as { role?: unknown } | undefined;
  if (typeof iam?.role === 'string') return { source: 'provider.iam.role' };
  if (service.provider.role !== undefined) return { source: 'provider.role' };
  return undefined;
}
