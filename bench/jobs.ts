import type { ScenarioOptions } from './scenario';
import { QUOTA_SCENARIOS, QUOTA_TARGET_SCENARIO, SCENARIOS, type Scenario } from './services';
import { DEFAULT_PROFILE, OTHER_CLIENT_SHARE, QUOTA_PROFILE, type BenchProfile } from './settings';

/**
 * The benchmark's runs, each a process of its own (run-job.ts) with its own stand-in account
 * and framework. The quota jobs run side by side: each mostly waits on simulated latency and
 * the rate limits, and one after another they would take over 4 minutes. The small services
 * of the default profile run alone first, so that their wall times (small deploys must be no
 * slower than before pacing) are not those of a machine busy starting four frameworks.
 */
export interface BenchJob {
  id: string;
  /** Jobs of one wave run side by side; waves one after another. */
  wave: number;
  profile: BenchProfile;
  scenarios: Scenario[];
  options?: ScenarioOptions;
}

const quotaTarget = QUOTA_SCENARIOS.filter((scenario) => scenario.id === QUOTA_TARGET_SCENARIO);
const isLarge = (scenario: Scenario) => scenario.id === 'large';

export const JOBS: BenchJob[] = [
  {
    id: 'default-small',
    wave: 1,
    profile: DEFAULT_PROFILE,
    scenarios: SCENARIOS.filter((scenario) => !isLarge(scenario)),
  },
  {
    id: 'default-large',
    wave: 2,
    profile: DEFAULT_PROFILE,
    scenarios: SCENARIOS.filter(isLarge),
  },
  { id: 'quota', wave: 2, profile: QUOTA_PROFILE, scenarios: SCENARIOS },
  { id: 'quota-300', wave: 2, profile: QUOTA_PROFILE, scenarios: quotaTarget },
  {
    id: 'quota-300-other-client',
    wave: 2,
    profile: QUOTA_PROFILE,
    scenarios: quotaTarget,
    options: { phases: ['first-deploy', 'remove'], otherClientShare: OTHER_CLIENT_SHARE },
  },
];
