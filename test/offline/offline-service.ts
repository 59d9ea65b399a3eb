import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLE_DIR, withProviderSetting } from '../support/example-service';
import { waitFor } from './offline-process';

const PROBE = path.join(__dirname, 'fixtures', 'probe.js');

/** How a test service differs from example/. */
export interface ServiceVariant {
  runtime: string;
  /** provider.websocketApiRouteSelectionExpression instead of the example's. */
  routeSelectionExpression?: string;
  /** $connect's authorizer by this ARN instead of by `name`. */
  authorizerArn?: string;
  /** serverless-offline listed before this plugin in `plugins`. */
  offlineFirst?: boolean;
  /** The handlers wrapped by fixtures/probe.js, which records each call. */
  probe?: boolean;
}

/** Replaces what `pattern` matches in `text`, which must match exactly once (else the example has changed). */
function replaceOnce(text: string, pattern: RegExp, to: string): string {
  const count = text.match(new RegExp(pattern.source, `${pattern.flags}g`))?.length ?? 0;
  if (count !== 1)
    throw new Error(`expected ${String(pattern)} once in serverless.yml, found ${count}`);
  return text.replace(pattern, to);
}

/** example/serverless.yml with serverless-offline added to `plugins` and the variant applied. */
export function offlineServerlessYml(yml: string, variant: ServiceVariant): string {
  const plugins = ['serverless-websockets-plugin', 'serverless-offline'];
  if (variant.offlineFirst) plugins.reverse();
  let edited = replaceOnce(
    yml,
    /^plugins:\n {2}- serverless-websockets-plugin\n/m,
    `plugins:\n${plugins.map((name) => `  - ${name}\n`).join('')}`,
  );
  edited = withProviderSetting(edited, 'runtime', variant.runtime);
  if (variant.routeSelectionExpression) {
    edited = withProviderSetting(
      edited,
      'websocketApiRouteSelectionExpression',
      variant.routeSelectionExpression,
    );
  }
  if (variant.authorizerArn) {
    edited = replaceOnce(edited, /^( +)name: authorize$/m, `$1arn: ${variant.authorizerArn}`);
  }
  if (variant.probe) edited = edited.replace(/^( +handler: )handler\./gm, '$1probe.');
  return edited;
}

/** A call of a handler, as fixtures/probe.js records it. */
export interface ProbeCall {
  handler: string;
  routeKey?: string;
  eventType?: string;
  connectionId?: string;
  authorizer?: Record<string, unknown>;
  body?: string;
  isOffline?: string;
  endpoint?: string;
}

/** A copy of example/ (handlers unchanged) that serverless-offline serves. */
export class OfflineService {
  private constructor(readonly dir: string) {}

  /** Placed inside the setup's project folder, so that `plugins` resolve from its node_modules. */
  static create(projectDir: string, name: string, variant: ServiceVariant): OfflineService {
    const parent = path.join(projectDir, 'services');
    fs.mkdirSync(parent, { recursive: true });
    const dir = fs.mkdtempSync(path.join(parent, `${name}-`));
    fs.copyFileSync(path.join(EXAMPLE_DIR, 'handler.js'), path.join(dir, 'handler.js'));
    if (variant.probe) fs.copyFileSync(PROBE, path.join(dir, 'probe.js'));
    const yml = fs.readFileSync(path.join(EXAMPLE_DIR, 'serverless.yml'), 'utf8');
    fs.writeFileSync(path.join(dir, 'serverless.yml'), offlineServerlessYml(yml, variant));
    return new OfflineService(dir);
  }

  /** Every handler call recorded so far. */
  calls(): ProbeCall[] {
    const file = path.join(this.dir, 'probe.log');
    if (!fs.existsSync(file)) return [];
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as ProbeCall);
  }

  /** Waits (bounded) for a recorded call that matches, and returns it. */
  call(matches: (call: ProbeCall) => boolean, timeoutMs = 10_000): Promise<ProbeCall> {
    return waitFor(
      () => this.calls().find(matches),
      timeoutMs,
      () => `such a handler call; calls: ${JSON.stringify(this.calls())}`,
    );
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
