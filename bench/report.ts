import type { CallTotals, OperationCounts } from './call-counts';
import type { PhaseResult, ScenarioResult } from './scenario';
import {
  AWS_RATE,
  FRAMEWORK_REQUEST_CONCURRENCY,
  LATENCY_MS,
  PAGE_SIZE,
  QUOTA_PROFILE,
} from './settings';
import { TARGETS, type TargetCheck } from './targets';

/** The results as markdown: readable in a terminal, and pasted as it is into the README. */

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const withBound = (actual: number, bound: number) => `${actual} (${bound})`;
const signed = (n: number, unit = '') => `${n > 0 ? '+' : ''}${n}${unit}`;

function formatCheck(check: TargetCheck): string {
  const relation = check.pass ? '<=' : '>';
  return `${check.id} ${check.pass ? 'pass' : 'FAIL'} (${check.actual} ${relation} ${check.limit})`;
}

function summaryRow(scenario: ScenarioResult, phase: PhaseResult): string[] {
  const { actual, lowerBound } = phase;
  return [
    scenario.title,
    phase.title,
    withBound(actual.reads, lowerBound.reads),
    withBound(actual.writes, lowerBound.writes),
    withBound(actual.total, lowerBound.total),
    signed(phase.gapPercent, '%'),
    String(phase.pluginWallMs),
    String(phase.wallTargetMs),
    phase.targets.map(formatCheck).join('; ') || '-',
  ];
}

export function summaryTable(scenarios: ScenarioResult[]): string {
  return table(
    [
      'scenario',
      'phase',
      'reads (lower bound)',
      'writes (lower bound)',
      'total (lower bound)',
      'gap',
      'plugin ms',
      'wall target ms',
      'targets',
    ],
    scenarios.flatMap((scenario) => scenario.phases.map((phase) => summaryRow(scenario, phase))),
  );
}

function operationCell(actual: number, bound: number): string {
  const cell = `${actual}/${bound}`;
  return actual === bound ? cell : `${cell} (${signed(actual - bound)})`;
}

/** Calls by operation, actual/lower bound, one column per phase. */
export function operationTable(scenario: ScenarioResult): string {
  const keys = [
    ...new Set(
      scenario.phases.flatMap((p) => [
        ...Object.keys(p.operations),
        ...Object.keys(p.lowerBoundOperations),
      ]),
    ),
  ].sort();
  const rows = keys.map((key) => [
    key,
    ...scenario.phases.map((p) =>
      operationCell(p.operations[key] ?? 0, p.lowerBoundOperations[key] ?? 0),
    ),
  ]);
  return table(['operation', ...scenario.phases.map((p) => p.title)], rows);
}

/** Every operation whose count differs from its lower bound, per phase. */
function differences(actual: OperationCounts, bound: OperationCounts): string[] {
  const keys = [...new Set([...Object.keys(actual), ...Object.keys(bound)])].sort();
  return keys
    .map((key) => [key, (actual[key] ?? 0) - (bound[key] ?? 0)] as const)
    .filter(([, diff]) => diff !== 0)
    .map(([key, diff]) => `${key} ${signed(diff)}`);
}

function gapLines(scenarios: ScenarioResult[]): string[] {
  return scenarios.flatMap((scenario) =>
    scenario.phases
      .map((phase) => ({ phase, diff: differences(phase.operations, phase.lowerBoundOperations) }))
      .filter(({ diff }) => diff.length > 0)
      .map(({ phase, diff }) => `- ${scenario.title}, ${phase.title}: ${diff.join(', ')}`),
  );
}

function errorLines(scenarios: ScenarioResult[]): string[] {
  return scenarios.flatMap((scenario) =>
    scenario.phases.flatMap((phase) =>
      Object.entries(phase.errors).map(
        ([key, n]) => `- ${scenario.title}, ${phase.title}: ${key} x${n}`,
      ),
    ),
  );
}

/** A scenario's title, marked when another client spent part of the account's rate. */
const scenarioTitle = (scenario: ScenarioResult) =>
  scenario.otherClientShare === undefined
    ? scenario.title
    : `${scenario.title} + another client at ${scenario.otherClientShare * 100}% of the rate`;

function missLines(scenarios: ScenarioResult[]): string[] {
  return scenarios.flatMap((scenario) =>
    scenario.phases.flatMap((phase) =>
      phase.targets
        .filter((check) => !check.pass)
        .map(
          (check) =>
            `- ${scenarioTitle(scenario)}, ${phase.title}: ${check.description}: ${formatCheck(check)}`,
        ),
    ),
  );
}

const describeTotals = (t: CallTotals) => `${t.reads} reads + ${t.writes} writes`;

function scenarioNotes(scenario: ScenarioResult): string[] {
  const s = scenario.service;
  const first = scenario.phases[0];
  const lines = [
    `- ${scenario.title}: ${s.functions} functions, ${s.routes} routes (${s.twoWayRoutes} two-way), ` +
      `${s.liveAuthorizers} live authorizer(s), ${s.ignoredAuthorizers} ignored; ` +
      `first deploy lower bound ${describeTotals(first.lowerBound)}.`,
  ];
  if (scenario.note) lines.push(`  ${scenario.note}`);
  if (first.warnings.length > 0) {
    lines.push(
      `  The plugin warned ${first.warnings.length} time(s) on the first deploy, e.g.: ${first.warnings[0].trim()}`,
    );
  }
  return lines;
}

export function fullReport(scenarios: ScenarioResult[]): string {
  const misses = missLines(scenarios);
  const gaps = gapLines(scenarios);
  const errors = errorLines(scenarios);
  return [
    `## Results, default profile (latency ${LATENCY_MS} ms per AWS call, no rate limits, pages of ${PAGE_SIZE}, framework request concurrency ${FRAMEWORK_REQUEST_CONCURRENCY})`,
    '',
    "The plugin's own calls (made inside its hooks), each with its lower bound in brackets; " +
      'plugin ms is the time spent in its hooks. Targets:',
    '',
    ...Object.entries(TARGETS)
      .filter(([id]) => id.startsWith('T'))
      .map(([id, text]) => `- ${id}: ${text}`),
    '',
    summaryTable(scenarios),
    '',
    '### Services',
    '',
    ...scenarios.flatMap(scenarioNotes),
    '',
    '### Calls by operation (actual/lower bound)',
    '',
    ...scenarios.flatMap((scenario) => [
      `#### ${scenario.title}`,
      '',
      operationTable(scenario),
      '',
    ]),
    '### Calls above (+) or below (-) the lower bound',
    '',
    ...(gaps.length > 0 ? gaps : ['- none']),
    '',
    '### Failed calls (included in the counts)',
    '',
    ...(errors.length > 0 ? errors : ['- none']),
    '',
    '### Missed targets',
    '',
    ...(misses.length > 0 ? misses : ['- none: every target holds']),
    '',
  ].join('\n');
}

function quotaRow(scenario: ScenarioResult, phase: PhaseResult): string[] {
  return [
    scenarioTitle(scenario),
    phase.title,
    withBound(phase.actual.total, phase.lowerBound.total),
    withBound(phase.apiGatewayCalls, phase.apiGatewayLowerBound),
    String(phase.throttled),
    String(phase.pluginWallMs),
    String(phase.quotaBoundMs),
    phase.quotaRatio.toFixed(2),
    phase.targets.map(formatCheck).join('; ') || '-',
  ];
}

/** The quota profile: what the account's rate limits cost, and whether the plugin draws 429s. */
export function quotaReport(scenarios: ScenarioResult[]): string {
  const misses = missLines(scenarios);
  return [
    `## Results, quota profile (${QUOTA_PROFILE.title}; framework retries off)`,
    '',
    `The quota bound of a phase is the time AWS's limits alone impose on its API Gateway calls ` +
      `(the lower bound's): those beyond the burst of ${AWS_RATE.burst} at ${AWS_RATE.ratePerSecond} per second, ` +
      `plus one call's latency (${QUOTA_PROFILE.latencyMs} ms). Ratio = plugin ms / quota bound; ` +
      'for phases within the burst the bound is one call and the ratio only shows how many calls depend on each other. Targets:',
    '',
    ...Object.entries(TARGETS)
      .filter(([id]) => id.startsWith('Q'))
      .map(([id, text]) => `- ${id}: ${text}`),
    '',
    table(
      [
        'scenario',
        'phase',
        'plugin calls (lower bound)',
        'API Gateway calls (lower bound)',
        '429s',
        'plugin ms',
        'quota bound ms',
        'ratio',
        'targets',
      ],
      scenarios.flatMap((scenario) => scenario.phases.map((phase) => quotaRow(scenario, phase))),
    ),
    '',
    '### Missed targets (quota profile)',
    '',
    ...(misses.length > 0 ? misses : ['- none: every target holds']),
    '',
  ].join('\n');
}
