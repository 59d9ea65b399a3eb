import type Serverless from 'serverless';
import type Plugin from 'serverless/classes/Plugin';

/** What the plugin tells the user, the same on every framework version. */
export interface PluginLog {
  /** A progress or result line ("Serverless: ..." on 1.x/2.x). */
  info(message: string): void;
  warning(message: string): void;
  /**
   * Plain output lines, such as the `sls info` section: a title line ("WebSockets:") and its
   * indented lines.
   */
  text(lines: string[]): void;
  /** Shows that a long step is under way until the returned function is called. */
  progress(message: string): () => void;
}

const PREFIX = 'WebSockets: ';

/** 3.x's `serverless.addServiceOutputSection` (also present, but unused, in late 2.x). */
type AddSection = (name: string, lines: string[]) => void;

/** "Title:" followed by lines indented by two spaces, as `sls info` sections are. */
function asSection(lines: string[]): { title: string; body: string[] } | undefined {
  const [first, ...rest] = lines;
  const title = first?.match(/^(\S.*):$/)?.[1];
  if (!title || rest.length === 0 || !rest.every((line) => line.startsWith('  '))) {
    return undefined;
  }
  return { title, body: rest.map((line) => line.slice(2)) };
}

/**
 * 3.x: the utilities the framework passes to the plugin's constructor. Lines are notices (shown
 * without `--verbose`, as the URL must be); a titled block goes into the service summary the
 * framework prints at the end of `sls info`, next to its own sections, so the same lines show
 * up in the same place as on 1.x/2.x (after the framework's information).
 */
function modernLog(serverless: Serverless, logging: Plugin.Logging): PluginLog {
  const { log, writeText, progress } = logging;
  const addSection = (serverless as { addServiceOutputSection?: AddSection })
    .addServiceOutputSection;
  return {
    info: (message) => log.notice(PREFIX + message),
    warning: (message) => log.warning(PREFIX + message),
    text: (lines) => {
      const section = asSection(lines);
      if (section && addSection) {
        addSection.call(serverless, section.title, section.body);
      } else {
        writeText(lines);
      }
    },
    progress: (message) => {
      const indicator = progress.create({ message: PREFIX + message });
      return () => indicator.remove();
    },
  };
}

/** 1.x/2.x: `serverless.cli`, which prefixes log lines with "Serverless: ". */
function cliLog(serverless: Serverless): PluginLog {
  const cli = serverless.cli as Serverless['cli'] & { consoleLog?: (message: string) => void };
  return {
    info: (message) => cli.log(PREFIX + message),
    warning: (message) => cli.log(`${PREFIX}Warning: ${message}`),
    text: (lines) => lines.forEach((line) => (cli.consoleLog ?? console.log)(line)),
    // These versions have no progress display; the step's result lines say what happened.
    progress: () => () => undefined,
  };
}

/**
 * Uses the logging utilities that 3.x passes to plugin constructors when they are there, and
 * `serverless.cli` otherwise (1.x/2.x).
 */
export function createPluginLog(
  serverless: Serverless,
  logging?: Partial<Plugin.Logging>,
): PluginLog {
  const { log, writeText, progress } = logging ?? {};
  return warningsOnce(
    log && writeText && progress
      ? modernLog(serverless, { log, writeText, progress })
      : cliLog(serverless),
  );
}

/**
 * Several hooks of one command read the configuration (e.g. `sls deploy`: before packaging and
 * after the stack), and each says what it found; the user hears each warning once.
 */
function warningsOnce(log: PluginLog): PluginLog {
  const given = new Set<string>();
  return {
    ...log,
    warning: (message) => {
      if (given.has(message)) return;
      given.add(message);
      log.warning(message);
    },
  };
}
