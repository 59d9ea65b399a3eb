import { offlineSetup, packPluginForOffline, prepareOfflineSetup } from './offline-install';
import { childEnv, FrameworkProcess } from './offline-process';
import { OfflineService } from './offline-service';

/** The value of `--name <value>` among serverless-offline's options, if given. */
function option(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  return index === -1 ? undefined : argv[index + 1];
}

function howToConnect(url: string): string {
  const client = `const ws = new (require('ws'))('${url}'); ws.on('open', () => ws.send(JSON.stringify({ action: 'ping' }))); ws.on('message', (m) => { console.log(String(m)); ws.close(); })`;
  return [
    '',
    `The example is served at ${url.replace(/\?.*/, '')}. Connect with its token:`,
    `  npx wscat -c '${url}'`,
    `  or, from this repository: node -e "${client}"`,
    'Then send:',
    '  {"action":"ping"}                 two-way route: the handler answers {"pong":<time>}',
    '  {"action":"message","text":"hi"}  the handler posts {"echo":"hi","from":"chat-user"} to @connections',
    '  anything else (or not JSON)       $default: the fallback handler logs it',
    'Without ?token=change-me, or with another token, the authorizer refuses the connection (403).',
    'Ctrl+C stops serverless-offline.',
    '',
  ].join('\n');
}

/**
 * Installs Serverless 3 and serverless-offline 13 into .cache/offline (once), the packed plugin
 * next to them, copies example/ with serverless-offline added to its plugins, and runs
 * `sls offline start` there until Ctrl+C. `argv` goes to serverless-offline
 * (e.g. --websocketPort 4001).
 */
export async function runLocalExample(argv: string[]): Promise<number> {
  const setup = offlineSetup('serverless', '3.40.0');
  packPluginForOffline();
  const install = prepareOfflineSetup(setup);
  const service = OfflineService.create(install.projectDir, 'example', { runtime: setup.runtime });
  // Placeholder credentials: the SDK signs the @connections call, which nothing checks locally.
  const offline = FrameworkProcess.start(
    install,
    service.dir,
    ['offline', 'start', ...argv],
    childEnv(),
    {
      echo: true,
    },
  );
  const stop = async () => {
    await offline.stop();
    service.remove();
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  try {
    await offline.ready();
    const host = option(argv, 'host') ?? 'localhost';
    const port = option(argv, 'websocketPort') ?? '3001';
    console.log(howToConnect(`ws://${host}:${port}?token=change-me`));
    return (await offline.finished()) ?? 0;
  } finally {
    await stop();
  }
}
