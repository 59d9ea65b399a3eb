import type Serverless from 'serverless';
import { readWebsocketConfig } from '../config/read-config';
import { readTalkBackSettings } from '../config/talk-back-settings';
import type { ServiceDescription } from '../config/types';
import type { PluginLog } from '../log';
import { localCallbackEndpoint, offlineView } from './offline-view';

type Environment = Record<string, unknown>;

/** serverless-offline's own settings, as it merges them: CLI options over `custom.serverless-offline`. */
function offlineSettings(
  serverless: Serverless,
  options: Serverless.Options,
): Record<string, unknown> {
  const custom = (serverless.service.custom ?? {}) as Record<string, unknown>;
  return { ...(custom['serverless-offline'] as object | undefined), ...options };
}

/**
 * Runs before serverless-offline starts (`sls offline start` or `sls offline`, whatever the
 * plugin order): presents this plugin's routes to it as the framework's own websocket events,
 * tells every handler the local `@connections` endpoint in the variable a deploy would set
 * (`provider.websocketApiEndpointVariable`; none when that is false or serverless.yml sets the
 * variable itself), and warns once about each thing that works differently from AWS.
 *
 * Only the in-memory service changes, for this process: nothing is written and no AWS call is
 * made, so `sls package` / `sls deploy` never see any of it.
 */
export function serveRoutesOffline(
  serverless: Serverless,
  options: Serverless.Options,
  service: ServiceDescription,
  log: PluginLog,
): void {
  const view = offlineView(service.functions, readWebsocketConfig(service));
  if (!view) return;
  for (const [functionKey, events] of Object.entries(view.events)) {
    service.functions[functionKey].events = events;
  }
  const { provider } = service;
  provider.websocketsApiRouteSelectionExpression = view.routeSelectionExpression;
  const environment = (provider.environment ?? {}) as Environment;
  const { endpointVariable } = readTalkBackSettings(service);
  if (endpointVariable && !(endpointVariable in environment)) {
    const endpoint = localCallbackEndpoint(offlineSettings(serverless, options));
    provider.environment = { ...environment, [endpointVariable]: endpoint };
  }
  view.warnings.forEach((warning) => log.warning(warning));
}
