/** What a compat run reports, per framework release and scenario (written as JSON). */

export type Status = 'pass' | 'fail' | 'n/a' | 'not run';

export interface ScenarioResult {
  name: string;
  status: Status;
  durationMs: number;
  failures: string[];
  /** Results that must be equal on every version (see ScenarioContext.observe). */
  observations: Record<string, unknown>;
  /** The commands and their output, kept for failed scenarios. */
  transcript: string[];
}

export interface VersionResult {
  /** The release, e.g. `serverless@3.40.0`, `osls@4.3.1`. */
  framework: string;
  /** The release whose observations this one's must equal (see baselineOf). */
  baseline: string;
  durationMs: number;
  scenarios: ScenarioResult[];
  /** Workarounds the release needed, and other things worth knowing. */
  notes: string[];
  /** Why the run stopped early, if it did. */
  error?: string;
}
