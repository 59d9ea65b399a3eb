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

const release = (
  framework: string,
  baseline: string,
  scenarios: ScenarioResult[],
): VersionResult => ({
  framework,
  baseline,
  durationMs: 12000,
  scenarios,
  notes: [],
});

describe('compat report', () => {
  const BASE = 'serverless@1.83.3';
  const V3 = 'serverless@3.40.0';
  const results = [
    release('serverless@1.35.1', BASE, [
      scenario('example', { lines: ['a'] }),
      scenario('mixed', {}, 'n/a'),
    ]),
    release(BASE, BASE, [scenario('example', { lines: ['a'] }), scenario('mixed', { api: 1 })]),
    release(V3, BASE, [scenario('example', { lines: ['b'] }), scenario('mixed', { api: 1 })]),
    release('osls@3.77.1', V3, [
      scenario('example', { lines: ['b'] }),
      scenario('mixed', { api: 2 }),
    ]),
  ];

  it("fails a scenario whose observations differ from its release's baseline", () => {
    const compared = compareWithBaseline(results);
    expect(compared.map((r) => r.scenarios.map((s) => s.status))).toEqual([
      ['pass', 'n/a'],
      ['pass', 'pass'],
      ['fail', 'pass'],
      // osls is compared with 3.40.0, whose example lines it shares.
      ['pass', 'fail'],
    ]);
    expect(compared[2].scenarios[0].failures).toEqual([
      'lines differs from serverless@1.83.3: ["b"] instead of ["a"]',
    ]);
    expect(compared[3].scenarios[1].failures).toEqual([
      'api differs from serverless@3.40.0: 2 instead of 1',
    ]);
    expect(passed(compared)).toBe(false);
    expect(passed(results)).toBe(true);
  });

  it('says when a release could not be compared because its baseline did not run', () => {
    const [compared] = compareWithBaseline(results.slice(3));
    expect(compared.scenarios.map((s) => s.status)).toEqual(['pass', 'pass']);
    expect(compared.notes).toEqual(['not compared: serverless@3.40.0 not run']);
  });

  it('prints release x scenario with the time of each', () => {
    expect(formatTable(results).split('\n')).toEqual([
      'framework          example     mixed       time    compared with',
      '-----------------  ----------  ----------  ------  -----------------',
      'serverless@1.35.1  pass 1.5 s  n/a         12.0 s  serverless@1.83.3',
      'serverless@1.83.3  pass 1.5 s  pass 1.5 s  12.0 s  (baseline)',
      'serverless@3.40.0  pass 1.5 s  pass 1.5 s  12.0 s  serverless@1.83.3',
      'osls@3.77.1        pass 1.5 s  pass 1.5 s  12.0 s  serverless@3.40.0',
    ]);
  });
});
