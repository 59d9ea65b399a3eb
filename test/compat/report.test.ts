import { compareWithBaseline, formatTable, passed } from './report';
import type { ScenarioResult, VersionResult } from './results';

const scenario = (
  name: string,
  observations: Record<string, unknown>,
  status: ScenarioResult['status'] = 'pass',
): ScenarioResult => ({
  name,
  status,
  durationMs: 1500,
  failures: [],
  observations,
  transcript: [],
});

const version = (v: string, scenarios: ScenarioResult[]): VersionResult => ({
  version: v,
  durationMs: 12000,
  scenarios,
  notes: [],
});

describe('compat report', () => {
  const results = [
    version('1.35.1', [scenario('example', { lines: ['a'] }), scenario('mixed', {}, 'n/a')]),
    version('1.83.3', [scenario('example', { lines: ['a'] }), scenario('mixed', { api: 1 })]),
    version('3.40.0', [scenario('example', { lines: ['b'] }), scenario('mixed', { api: 1 })]),
  ];

  it('fails a scenario whose observations differ from the baseline version', () => {
    const compared = compareWithBaseline(results, '1.83.3');
    expect(compared.map((r) => r.scenarios.map((s) => s.status))).toEqual([
      ['pass', 'n/a'],
      ['pass', 'pass'],
      ['fail', 'pass'],
    ]);
    expect(compared[2].scenarios[0].failures).toEqual([
      'lines differs from 1.83.3: ["b"] instead of ["a"]',
    ]);
    expect(passed(compared)).toBe(false);
    expect(passed(results)).toBe(true);
  });

  it('prints version x scenario with the time of each', () => {
    expect(formatTable(results).split('\n')).toEqual([
      'scenario  1.35.1      1.83.3      3.40.0',
      '--------  ----------  ----------  ----------',
      'example   pass 1.5 s  pass 1.5 s  pass 1.5 s',
      'mixed     n/a         pass 1.5 s  pass 1.5 s',
      '--------  ----------  ----------  ----------',
      'time      12.0 s      12.0 s      12.0 s',
    ]);
  });
});
