import type { Scenario } from '../scenario-kit';
import { exampleScenario } from './example';
import { mixedScenario } from './mixed';
import { partitionsScenario } from './partitions';
import { productionScenario } from './production';
import { stageRegionScenario } from './stage-region';
import { validationScenario } from './validation';

/** The scenarios, in the order they run and appear in the table. */
export const SCENARIOS: Scenario[] = [
  exampleScenario,
  mixedScenario,
  validationScenario,
  partitionsScenario,
  stageRegionScenario,
  productionScenario,
];
