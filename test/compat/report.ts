import { isDeepStrictEqual } from 'util';
import type { ScenarioResult, Status, VersionResult } from './results';

/**
 * Marks a scenario as failed on a release where a result it observed differs from its
 * baseline release's (the same AWS state and the same plugin lines on every release).
 */
export function compareWithBaseline(results: VersionResult[]): VersionResult[] {
  const byLabel = new Map(results.map((result) => [result.framework, result]));
  return results.map((result) => {
    const reference = byLabel.get(result.baseline);
    if (result === reference) return result;
    if (!reference) {
      return { ...result, notes: [...result.notes, `not compared: ${result.baseline} not run`] };
    }
    const referenceScenario = (name: string) => reference.scenarios.find((s) => s.name === name);
    return {
      ...result,
      scenarios: result.scenarios.map((scenario) => {
        const expected = referenceScenario(scenario.name);
        if (scenario.status !== 'pass' || expected?.status !== 'pass') return scenario;
        const differences = Object.keys(scenario.observations)
          .filter((key) => key in expected.observations)
          .filter(
            (key) => !isDeepStrictEqual(scenario.observations[key], expected.observations[key]),
          )
          .map(
            (key) =>
              `${key} differs from ${result.baseline}: ${JSON.stringify(scenario.observations[key])} instead of ${JSON.stringify(expected.observations[key])}`,
          );
        return differences.length
          ? { ...scenario, status: 'fail' as Status, failures: differences }
          : scenario;
      }),
    };
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function cell(scenario: ScenarioResult | undefined): string {
  if (!scenario) return '-';
  if (scenario.status === 'pass' || scenario.status === 'fail') {
    return `${scenario.status} ${seconds(scenario.durationMs)}`;
  }
  return scenario.status;
}

/** A text table: a header row, a rule, the rows (columns padded to their widest cell). */
export function textTable(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) =>
    row
      .map((text, column) => text.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}

/** The release x scenario table, with each release's total time and baseline. */
export function formatTable(results: VersionResult[]): string {
  const names = [...new Set(results.flatMap((result) => result.scenarios.map((s) => s.name)))];
  return textTable([
    ['framework', ...names, 'time', 'compared with'],
    ...results.map((result) => [
      result.framework,
      ...names.map((name) => cell(result.scenarios.find((s) => s.name === name))),
      seconds(result.durationMs),
      result.baseline === result.framework ? '(baseline)' : result.baseline,
    ]),
  ]);
}

/** What went wrong, per release and scenario, with the output of the commands involved. */
export function formatFailures(results: VersionResult[], withTranscripts: boolean): string {
  const sections: string[] = [];
  for (const result of results) {
    if (result.error) sections.push(`${result.framework}: stopped: ${result.error}`);
    for (const scenario of result.scenarios.filter((s) => s.status === 'fail')) {
      sections.push(
        [
          `${result.framework} / ${scenario.name}:`,
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
    .flatMap((result) => result.notes.map((note) => `${result.framework}: ${note}`))
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
