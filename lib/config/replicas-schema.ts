import { z } from 'zod';
import { replicaSideSelectorSchema } from '../contracts/replicas';

/**
 * `replicas:` in the configuration file: which pairs to compare and how.
 * The side selector is also part of every pair summary sent to the browser,
 * so it lives with the wire shapes (lib/contracts/replicas.ts).
 * See docs/replicas.md for what each option means.
 */

/** How MySQL/MariaDB events find their place inside a GTID (see lib/replicas/event-identity.ts). */
export const mysqlPlaceSchema = z.enum(['occurrence', 'row', 'transaction']);
export type MysqlPlace = z.infer<typeof mysqlPlaceSchema>;

const nonEmpty = z.string().min(1);

/** Which fields make two copies of a change "the same event". */
export const eventIdentitySchema = z.discriminatedUnion('kind', [
  /** GTID for MySQL/MariaDB, LSN for PostgreSQL, else a content hash: decided per record. */
  z.object({ kind: z.literal('auto'), place: mysqlPlaceSchema.optional() }).strict(),
  z.object({ kind: z.literal('gtid'), place: mysqlPlaceSchema.optional() }).strict(),
  z.object({ kind: z.literal('pg-lsn') }).strict(),
  /** Outbox tables: the event's own id column (default `id`). */
  z.object({ kind: z.literal('outbox'), column: nonEmpty.optional() }).strict(),
  z.object({ kind: z.literal('content-hash') }).strict(),
  /** Field paths such as `after.id`, `source.gtid`, `transaction.id`, `key.id`. */
  z.object({ kind: z.literal('fields'), paths: z.array(nonEmpty).min(1) }).strict(),
  z.object({ kind: z.literal('header'), name: nonEmpty }).strict(),
]);
export type EventIdentityConfig = z.infer<typeof eventIdentitySchema>;

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();

/** One replica pair in the configuration file. Defaults are in lib/replicas/pair-options.ts. */
export const replicaPairConfigSchema = z
  .object({
    id: nonEmpty,
    a: replicaSideSelectorSchema,
    b: replicaSideSelectorSchema,
    /** Tables (without server prefix, e.g. `inventory.customers`) to compare; all when absent. */
    tables: z.array(nonEmpty).optional(),
    identity: eventIdentitySchema.optional(),
    /** Snapshot reads (`op: r`) are not changes; compare them only on request. */
    snapshots: z.enum(['ignore', 'pair']).optional(),
    graceMs: positiveInt.optional(),
    maxPending: positiveInt.optional(),
    maxPendingAgeMs: positiveInt.optional(),
    rememberIds: nonNegativeInt.optional(),
    rememberMs: positiveInt.optional(),
    retainCopies: nonNegativeInt.optional(),
    listSize: positiveInt.optional(),
    maxTables: positiveInt.optional(),
  })
  .strict();
export type ReplicaPairConfig = z.infer<typeof replicaPairConfigSchema>;
