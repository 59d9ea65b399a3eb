import * as fs from 'fs';
import * as path from 'path';
import { FakeAws } from '../support/fake-aws';
import { addCompatOperations } from './fake-aws-extras';
import { CliTimeoutError, FrameworkCli } from './framework-cli';
import { baselineOf, type FrameworkInstall } from './framework-install';
import type { NetworkGuard } from './network-guard';
import { RequestSendShim } from './request-send-shim';
import type { ScenarioResult, VersionResult } from './results';
import { appliesTo, ScenarioContext, type Scenario } from './scenario-kit';
import { SCENARIOS } from './scenarios';
import { expectedSdkDir, loadedSdkCopies } from './sdk-redirect';

/** Every SDK v2 service the framework and the plugin call in these scenarios. */
const FAKED_SERVICES = [
  'ApiGatewayV2',
  'APIGateway',
  'CloudWatchLogs',
  'Route53',
  'Lambda',
  'STS',
  'CloudFormation',
  'S3',
  'ECR',
];

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A fresh FakeAws account (with the compat additions) around one scenario. */
async function withFakeAccount<T>(run: (fake: FakeAws) => Promise<T>): Promise<T> {
  const fake = new FakeAws();
  addCompatOperations(fake);
  const shim = new RequestSendShim();
  fake.install();
  shim.install(FAKED_SERVICES);
  try {
    return await run(fake);
  } finally {
    shim.restore();
    fake.restore();
  }
}

/**
 * Runs every scenario against one framework release, in this process. Must be loaded after
 * `useFrameworkSdk` (FakeAws has to stub the framework's aws-sdk copy).
 */
export async function runScenarios(
  install: FrameworkInstall,
  guard: NetworkGuard,
  options: {
    echo: boolean;
    keepTranscripts: boolean;
    only?: string[];
    progress: (line: string) => void;
  },
): Promise<VersionResult> {
  const started = Date.now();
  const cli = new FrameworkCli(install, options.echo);
  const servicesDir = path.join(install.projectDir, 'services');
  fs.rmSync(servicesDir, { recursive: true, force: true });
  fs.mkdirSync(servicesDir, { recursive: true });

  const result: VersionResult = {
    framework: install.label,
    baseline: baselineOf(install),
    durationMs: 0,
    scenarios: [],
    notes: [],
  };
  const selected = SCENARIOS.filter((s) => !options.only || options.only.includes(s.name));
  for (const scenario of selected) {
    if (result.error) {
      result.scenarios.push(emptyResult(scenario, 'not run'));
      continue;
    }
    if (!appliesTo(scenario, install.version)) {
      result.scenarios.push(emptyResult(scenario, 'n/a'));
      continue;
    }
    const attemptsBefore = guard.attempts.length;
    const scenarioStarted = Date.now();
    const outcome = await withFakeAccount(async (fake) => {
      const context = new ScenarioContext(install, fake, cli, servicesDir);
      try {
        await scenario.run(context);
      } catch (error) {
        if (error instanceof CliTimeoutError) result.error = error.message;
        context.checks.failures.push(describe(error));
      }
      return context;
    });
    const failures = [
      ...outcome.checks.failures,
      ...guard.attempts.slice(attemptsBefore).map((target) => `network connection to ${target}`),
      ...sdkCopyProblems(install),
    ];
    const scenarioResult: ScenarioResult = {
      name: scenario.name,
      status: failures.length ? 'fail' : 'pass',
      durationMs: Date.now() - scenarioStarted,
      failures,
      observations: outcome.observations,
      transcript: failures.length || options.keepTranscripts ? outcome.transcript : [],
    };
    result.scenarios.push(scenarioResult);
    options.progress(
      `${scenario.name}: ${scenarioResult.status} (${(scenarioResult.durationMs / 1000).toFixed(1)} s)`,
    );
  }
  result.notes.push(...cli.notes);
  result.durationMs = Date.now() - started;
  return result;
}

/** FakeAws must sit on the only aws-sdk in the process: the framework's own copy, if it has one. */
function sdkCopyProblems(install: FrameworkInstall): string[] {
  const expected = expectedSdkDir(install.projectDir);
  const copies = loadedSdkCopies().map((dir) => fs.realpathSync(dir));
  return copies.length === 1 && copies[0] === expected
    ? []
    : [`aws-sdk copies loaded: ${copies.join(', ')} (expected only ${expected})`];
}

function emptyResult(scenario: Scenario, status: 'n/a' | 'not run'): ScenarioResult {
  return {
    name: scenario.name,
    status,
    durationMs: 0,
    failures: [],
    observations: {},
    transcript: [],
  };
}
