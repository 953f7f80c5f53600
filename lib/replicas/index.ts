/** Public surface of replica pairing: pure, clock passed in, bounded memory. See docs/replicas.md. */
export { createPairTracker, type PairTracker, type SnapshotOptions, type RecordOutcome } from './pair-tracker';
export {
  pairTrackerOptionsFromConfig,
  resolvePairOptions,
  DEFAULT_GRACE_MS,
  DEFAULT_MAX_PENDING,
  DEFAULT_MAX_PENDING_AGE_MS,
  DEFAULT_REMEMBER_IDS,
  DEFAULT_REMEMBER_MS,
  DEFAULT_RETAIN_COPIES,
  DEFAULT_LIST_SIZE,
  DEFAULT_MAX_TABLES,
  MAX_OCCURRENCES,
  type PairTrackerOptions,
} from './pair-options';
export { createEventIdentity, describeIdentity, MAX_KEY_CHARS, type EventIdentity, type Identify } from './event-identity';
export { compileFieldPath, type FieldReader } from './field-path';
export { suggestReplicaPairs, MAX_SUGGESTIONS, type SeenTable } from './pair-detection';
export { matchesSide, sideOf, sideLabel } from './side-selector';
export { canonicalJson, fingerprintChange, hashString, hashValue } from './content-hash';
export { OVERFLOW_TABLE } from './pair-tables';
export type * from '../contracts/replicas';
