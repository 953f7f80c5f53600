/** Public surface of the live statistics: pure, clock passed in, bounded memory. */
export { createStatsRegistry, DEFAULT_MAX_TABLES, type StatsRegistry, type StatsRegistryOptions, type ChangeSet } from './stats-registry';
export { createTableStats, type TableStats, type TableRecord } from './table-stats';
export type { ServerActivity } from './server-activity';
export type { SourceCounts } from './source-tally';
export { LAG_MAX_MS, LAG_SLOT_MS } from './lag-window';
export { SERIES_SECONDS } from './second-ring';
