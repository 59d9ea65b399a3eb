import { isDeepStrictEqual } from 'util';
import type { ScenarioResult, Status, VersionResult } from './results';

/**
 * Marks a scenario as failed on a version where a result it observed differs from the
 * baseline version's (the same AWS state and the same plugin lines on every version).
 */
export function compareWithBaseline(results: VersionResult[], baseline: string): VersionResult[] {
  const reference = results.find((result) => result.version === baseline);
  if (!reference) return results;
  const referenceScenario = (name: string) => reference.scenarios.find((s) => s.name === name);
  return results.map((result) => ({
    ...result,
    scenarios: result.scenarios.map((scenario) => {
      const expected = referenceScenario(scenario.name);
      if (result === reference || scenario.status !== 'pass' || expected?.status !== 'pass') {
        return scenario;
      }
      const differences = Object.keys(scenario.observations)
        .filter((key) => key in expected.observations)
        .filter((key) => !isDeepStrictEqual(scenario.observations[key], expected.observations[key]))
        .map(
          (key) =>
            `${key} differs from ${baseline}: ${JSON.stringify(scenario.observations[key])} instead of ${JSON.stringify(expected.observations[key])}`,
        );
      return differences.length
        ? { ...scenario, status: 'fail' as Status, failures: differences }
        : scenario;
    }),
  }));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function cell(scenario: ScenarioResult | undefined): string {
  if (!scenario) return '-';
  if (scenario.status === 'pass' || scenario.status === 'fail') {
    return `${scenario.status} ${seconds(scenario.durationMs)}`;
  }
  return scenario.status;
}

/** The version x scenario table, with each version's total time. */
export function formatTable(results: VersionResult[]): string {
  const names = [...new Set(results.flatMap((result) => result.scenarios.map((s) => s.name)))];
  const rows = [
    ['scenario', ...results.map((result) => result.version)],
    ...names.map((name) => [
      name,
      ...results.map((result) => cell(result.scenarios.find((s) => s.name === name))),
    ]),
    ['time', ...results.map((result) => seconds(result.durationMs))],
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) =>
    row
      .map((text, column) => text.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [
    line(rows[0]),
    rule,
    ...rows.slice(1, -1).map(line),
    rule,
    line(rows[rows.length - 1]),
  ].join('\n');
}

/** What went wrong, per version and scenario, with the output of the commands involved. */
export function formatFailures(results: VersionResult[], withTranscripts: boolean): string {
  const sections: string[] = [];
  for (const result of results) {
    if (result.error) sections.push(`${result.version}: stopped: ${result.error}`);
    for (const scenario of result.scenarios.filter((s) => s.status === 'fail')) {
      sections.push(
        [
          `${result.version} / ${scenario.name}:`,
          ...scenario.failures.map((failure) => `  - ${failure}`),
          ...(withTranscripts ? scenario.transcript.map((run) => indent(run)) : []),
        ].join('\n'),
      );
    }
  }
  return sections.join('\n\n');
}

export function formatNotes(results: VersionResult[]): string {
  return results
    .flatMap((result) => result.notes.map((note) => `${result.version}: ${note}`))
    .join('\n');
}

export const passed = (results: VersionResult[]): boolean =>
  results.every(
    (result) => !result.error && result.scenarios.every((scenario) => scenario.status !== 'fail'),
  );

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `    | ${line}`)
    .join('\n');
