// A built-in challenge: the scenario, a reference design that passes every check, and the design
// many candidates draw first, which fails exactly the checks named in naiveFails.
import type { DesignDocument } from '../model/schema.ts';
import type { ChallengeScenarioInput } from './scenario-schema.ts';

export interface Challenge {
  scenario: ChallengeScenarioInput;
  reference: DesignDocument;
  naive: DesignDocument;
  /** Check ids the naive design fails, and why (one line). */
  naiveFails: readonly string[];
  naiveWhy: string;
}
