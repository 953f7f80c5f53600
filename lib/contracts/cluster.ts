import { z } from 'zod';
import { tableSummarySchema } from './table-stats';
import { SECOND_ROW_LENGTH } from '../analytics/second-ring';

/**
 * What each instance of a cluster (issue #14) publishes to Redis: its partial
 * per-table statistics and where it stands on every partition it has read.
 * Every instance reads all of them and merges (lib/cluster/). Parsed with
 * these schemas on the way in: Redis is a boundary like any other.
 */

/** A lag window's histogram in the sealed varint form (lib/analytics/sealed-histogram.ts), base64. */
export const sealedLagSchema = z.object({
  b64: z.string().max(4_000_000),
  total: z.number().int().nonnegative(),
  max: z.number().nonnegative(),
});
export type SealedLag = z.infer<typeof sealedLagSchema>;

const lagPartialSchema = z.object({ m1: sealedLagSchema, m5: sealedLagSchema });

/** One table as one instance saw it: the summary, its lag windows as histograms to merge, not percentiles. */
export const partialTableSchema = tableSummarySchema.omit({ lag: true }).extend({
  lag: z.object({ capture: lagPartialSchema, endToEnd: lagPartialSchema }),
  /** The epoch second just after `spark`'s last complete second, to align sparks published at different times. */
  sparkEnd: z.number().int(),
  /** The last complete seconds of the table's series, summed by every instance into the merged charts. */
  tail: z
    .object({
      end: z.number().int(),
      rows: z.array(z.array(z.number().nonnegative()).length(SECOND_ROW_LENGTH)).max(60),
    })
    .optional(),
});
export type PartialTable = z.infer<typeof partialTableSchema>;

/** Where an instance stands on one partition: the next offset not yet counted, and whether it still reads it. */
export const partitionClaimSchema = z.object({ next: z.string().regex(/^\d{1,20}$/), owned: z.boolean() });
export type PartitionClaim = z.infer<typeof partitionClaimSchema>;

export const instanceSnapshotSchema = z.object({
  instanceId: z.string().min(1).max(64),
  /** Random per process start: a restarted instance is a new incarnation, so its predecessor's counts are kept. */
  incarnation: z.string().min(1).max(64),
  /** Publish time, epoch ms (the publisher's clock). */
  at: z.number(),
  tables: z.array(partialTableSchema).max(100_000),
  /** Keyed `<source id>/<topic>/<partition>`. */
  partitions: z.record(z.string(), partitionClaimSchema),
  /**
   * Per table room this instance has sockets in, when one last joined it
   * (lib/cluster/room-interest.ts): the other instances push that table's
   * events to it. Absent from an instance without sockets.
   */
  watching: z
    .record(z.string().max(1_000), z.number())
    .refine((r) => Object.keys(r).length <= 100_000, 'too many watched tables')
    .optional(),
});
export type InstanceSnapshot = z.infer<typeof instanceSnapshotSchema>;

/**
 * Cumulative figures of one table from incarnations that are gone: counts
 * only, no windows. The fields are the summary's own (picked, not restated),
 * so a field added to or changed in the summary's counts changes here too.
 */
export const archivedTableSchema = tableSummarySchema.pick({
  tableKey: true,
  table: true,
  serverName: true,
  sourceIds: true,
  channels: true,
  totals: true,
  tombstones: true,
  bytes: true,
  undecodable: true,
  replays: true,
  snapshotEvents: true,
  streamingEvents: true,
  firstEventAt: true,
  lastEventAt: true,
});
export type ArchivedTable = z.infer<typeof archivedTableSchema>;

/** What gone incarnations leave behind: their counts and their last position on each partition. */
export const clusterArchiveSchema = z.object({
  tables: z.array(archivedTableSchema),
  partitions: z.record(z.string(), z.string().regex(/^\d{1,20}$/)),
  /** Incarnations folded in, so a second fold of the same one is a no-op. */
  folded: z.array(z.string()),
});
export type ClusterArchive = z.infer<typeof clusterArchiveSchema>;

/** Key of a partition in snapshots and the archive. */
export function partitionKey(sourceId: string, topic: string, partition: number): string {
  return `${sourceId}/${topic}/${partition}`;
}
