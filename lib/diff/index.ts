/** Public surface of the diffs: pure, JSON in, flat rows out. */
export { diffValues, diffInto, createDiffCollector, DEFAULT_MAX_DEPTH, DEFAULT_MAX_CHANGES, type DiffOptions, type DiffResult, type DiffCollector } from './field-diff';
export { diffUpdate, diffChange, type ChangeDiff } from './update-diff';
export { diffCopies, type CopyContent } from './copy-diff';
export { clipValue, jsonType, DEFAULT_MAX_VALUE_CHARS, type JsonType } from './clip-value';
export type { FieldDiff } from '../contracts/replicas';
