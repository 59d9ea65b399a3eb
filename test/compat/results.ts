/** What a compat run reports, per framework version and scenario (written as JSON). */

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
  version: string;
  durationMs: number;
  scenarios: ScenarioResult[];
  /** Workarounds the version needed, and other things worth knowing. */
  notes: string[];
  /** Why the run stopped early, if it did. */
  error?: string;
}
