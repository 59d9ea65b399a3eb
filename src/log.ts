import type Serverless from 'serverless';
import type Plugin from 'serverless/classes/Plugin';

/** What the plugin tells the user, the same on every framework version. */
export interface PluginLog {
  /** A progress or result line ("Serverless: ..." on 1.x/2.x). */
  info(message: string): void;
  warning(message: string): void;
  /** Plain output lines, such as the `sls info` section. */
  text(lines: string[]): void;
}

const PREFIX = 'WebSockets: ';

/**
 * Uses the logging utilities that 3.x passes to plugin constructors when they are there, and
 * `serverless.cli` otherwise (1.x/2.x).
 */
export function createPluginLog(
  serverless: Serverless,
  logging?: Partial<Plugin.Logging>,
): PluginLog {
  if (logging?.log && logging.writeText) {
    const { log, writeText } = logging;
    return {
      info: (message) => log.notice(PREFIX + message),
      warning: (message) => log.warning(PREFIX + message),
      text: (lines) => writeText(lines),
    };
  }
  const cli = serverless.cli as Serverless['cli'] & { consoleLog?: (message: string) => void };
  return {
    info: (message) => cli.log(PREFIX + message),
    warning: (message) => cli.log(`${PREFIX}Warning: ${message}`),
    text: (lines) => lines.forEach((line) => (cli.consoleLog ?? console.log)(line)),
  };
}
