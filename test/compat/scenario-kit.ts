import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { withProviderSetting } from '../support/example-service';
import type { AwsCall, FakeAws } from '../support/fake-aws';
import type { CliRun, FrameworkCli } from './framework-cli';
import { versionAtLeast, type FrameworkInstall } from './framework-install';
import { releaseCommandMemory } from './stub-memory';

/** One integration scenario, run once per framework version. */
export interface Scenario {
  name: string;
  /** The oldest version the scenario applies to (the feature it proves does not exist before). */
  since?: string;
  run(context: ScenarioContext): Promise<void>;
}

export const appliesTo = (scenario: Scenario, version: string): boolean =>
  !scenario.since || versionAtLeast(version, scenario.since);

const HANDLER = `'use strict';
module.exports = new Proxy({}, { get: () => async () => ({ statusCode: 200 }) });
`;

/** A check that did not hold; the scenario goes on, so that one run reports every problem. */
export class Checks {
  readonly failures: string[] = [];

  that(label: string, holds: boolean, detail = ''): void {
    if (!holds) this.failures.push(detail ? `${label}: ${detail}` : label);
  }

  equal(label: string, actual: unknown, expected: unknown): void {
    this.that(
      label,
      isDeepStrictEqual(actual, expected),
      `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
    );
  }

  contains(label: string, output: string, text: string): void {
    this.that(label, output.includes(text), `missing ${JSON.stringify(text)}`);
  }
}

/**
 * Turns the ids FakeAws made into stable names (`<api-1>`, `<deployment-1>`, ...), in the
 * order they show up, so that what two framework versions printed can be compared.
 */
export class IdNames {
  private readonly names = new Map<string, string>();

  learn(fake: FakeAws): void {
    for (const state of fake.apigw.apis()) {
      this.name(state.apiId, 'api');
      for (const deployment of state.deployments.values()) {
        this.name(deployment.deployment.DeploymentId ?? '', 'deployment');
      }
    }
  }

  apply(text: string): string {
    // Longest first, so that no id is replaced inside a longer one.
    const ids = [...this.names.keys()].sort((a, b) => b.length - a.length);
    return ids.reduce((result, id) => result.split(id).join(this.names.get(id) ?? id), text);
  }

  private name(id: string, kind: string): void {
    if (!id || this.names.has(id)) return;
    const count = [...this.names.values()].filter((name) => name.startsWith(`<${kind}-`)).length;
    this.names.set(id, `<${kind}-${count + 1}>`);
  }
}

/**
 * The AWS calls of one command, for its transcript: each SDK, service and operation once, in
 * the order of its first call, with its count and the error codes it got.
 */
export function summarizeCalls(calls: AwsCall[]): string {
  const seen = new Map<string, { count: number; errors: Set<string> }>();
  for (const call of calls) {
    const key = `${call.sdk} ${call.service}.${call.operation}`;
    const entry = seen.get(key) ?? { count: 0, errors: new Set<string>() };
    entry.count += 1;
    if (call.error) entry.errors.add(call.error);
    seen.set(key, entry);
  }
  const entries = [...seen].map(([key, { count, errors }]) => {
    const times = count > 1 ? ` x${count}` : '';
    const failed = errors.size ? ` (${[...errors].join(', ')})` : '';
    return `  ${key}${times}${failed}`;
  });
  return entries.length ? `AWS calls:\n${entries.join('\n')}` : 'AWS calls: none';
}

/** The lines the plugin printed: its "WebSockets: ..." lines and its `sls info` section. */
export function pluginLines(output: string): string[] {
  const lines = output.split('\n').map((line) => line.replace(/^Serverless: /, '').trimEnd());
  const picked: string[] = [];
  let inSection = false;
  for (const line of lines) {
    if (line === 'WebSockets:') inSection = true;
    else if (inSection && !line.startsWith('  ')) inSection = false;
    if (inSection || line.includes('WebSockets: ')) picked.push(line);
  }
  return picked;
}

/** What a scenario gets: the framework, a fresh FakeAws account, and a place for results. */
export class ScenarioContext {
  readonly checks = new Checks();
  /** Results that must be the same on every version (compared with the baseline version). */
  readonly observations: Record<string, unknown> = {};
  /** Every command run, with its output, for the report of a failed scenario. */
  readonly transcript: string[] = [];
  private readonly ids = new IdNames();

  constructor(
    readonly install: FrameworkInstall,
    readonly fake: FakeAws,
    private readonly cli: FrameworkCli,
    private readonly servicesDir: string,
  ) {}

  get version(): string {
    return this.install.version;
  }

  /**
   * A Node.js runtime this release's serverless.yml schema accepts: serverless 2.x does not
   * know nodejs20.x, osls no longer accepts nodejs18.x.
   */
  get runtime(): string {
    return this.install.package === 'osls' ? 'nodejs20.x' : 'nodejs18.x';
  }

  /**
   * A service folder inside the version's project folder, so that `plugins:` resolves the
   * packed plugin from the project's node_modules, as in a user's project. `provider.runtime`
   * is set to `runtime`.
   */
  service(name: string, serverlessYml: string): string {
    const dir = fs.mkdtempSync(path.join(this.servicesDir, `${name}-`));
    const yml = withProviderSetting(serverlessYml, 'runtime', this.runtime);
    fs.writeFileSync(path.join(dir, 'serverless.yml'), yml);
    fs.writeFileSync(path.join(dir, 'handler.js'), HANDLER);
    return dir;
  }

  /** A copy of a service folder (such as example/), placed like `service`. */
  copyOf(sourceDir: string, edit: (yml: string) => string = (yml) => yml): string {
    const dir = fs.mkdtempSync(path.join(this.servicesDir, `${path.basename(sourceDir)}-`));
    fs.cpSync(sourceDir, dir, {
      recursive: true,
      filter: (source) => !['.serverless', 'node_modules'].includes(path.basename(source)),
    });
    const yml = path.join(dir, 'serverless.yml');
    fs.writeFileSync(yml, edit(fs.readFileSync(yml, 'utf8')));
    return dir;
  }

  async sls(servicePath: string, ...argv: string[]): Promise<CliRun> {
    const callsBefore = this.fake.calls.length;
    const run = await this.cli.run(servicePath, argv);
    const calls = this.fake.calls.slice(callsBefore);
    releaseCommandMemory(calls);
    this.ids.learn(this.fake);
    this.transcript.push(
      `$ sls ${argv.join(' ')}   (exit ${run.exitCode}, ${run.durationMs} ms)\n${run.output}\n${summarizeCalls(calls)}`,
    );
    return run;
  }

  /** Runs a command that must succeed; returns its output. */
  async slsOk(servicePath: string, ...argv: string[]): Promise<string> {
    const run = await this.sls(servicePath, ...argv);
    if (run.exitCode !== 0) throw new Error(`sls ${argv.join(' ')} exited with ${run.exitCode}`);
    return run.output;
  }

  /** Records a result to compare across versions, with FakeAws ids replaced by stable names. */
  observe(key: string, value: unknown): void {
    this.observations[key] = JSON.parse(this.ids.apply(JSON.stringify(value))) as unknown;
  }
}

export { withProviderSetting };
