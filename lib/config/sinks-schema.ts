import { z } from 'zod';

/**
 * `sinks:`, `audit:` and `seek:` in the configuration (issue #5): where an
 * operator may replay an event to, where replays are recorded, and how far a
 * seek on the broker may go. Sink settings (URLs, headers, credentials) stay on
 * the server: the browser only ever sees a sink's id, kind and target name.
 */

const nonEmpty = z.string().min(1);

/** A Kafka topic on a cluster: a configured Kafka source's connection (`cluster`, its id) or its own `brokers`. */
export const kafkaSinkSchema = z
  .object({
    id: nonEmpty,
    kind: z.literal('kafka'),
    /** Id of a `kafka` source whose brokers, client id, SASL and TLS are reused. */
    cluster: nonEmpty.optional(),
    brokers: z.array(nonEmpty).min(1).optional(),
    topic: nonEmpty,
  })
  .strict()
  .refine((s) => (s.cluster === undefined) !== (s.brokers === undefined), {
    error: 'a kafka sink needs exactly one of cluster (a kafka source id) or brokers',
  });

/** A NATS subject: JetStream publish (acknowledged, de-duplicated by message id) or core NATS (fire and forget). */
export const natsSinkSchema = z
  .object({
    id: nonEmpty,
    kind: z.literal('nats'),
    /** Id of a `jetstream` source whose servers and credentials are reused… */
    cluster: nonEmpty.optional(),
    /** …or servers of its own (no credentials). */
    servers: z.array(nonEmpty).min(1).optional(),
    subject: nonEmpty.refine((s) => !/[*>\s]/.test(s), { error: 'a sink subject cannot hold wildcards or spaces' }),
    mode: z.enum(['jetstream', 'core']).default('jetstream'),
  })
  .strict()
  .refine((s) => (s.cluster === undefined) !== (s.servers === undefined), {
    error: 'a nats sink needs exactly one of cluster (a jetstream source id) or servers',
  });

/** An HTTP endpoint receiving the event as a JSON POST. */
export const httpSinkSchema = z
  .object({
    id: nonEmpty,
    kind: z.literal('http'),
    /** No `user:password@` in it (issue #17.1): fetch refuses such URLs anyway; credentials go in `headers`. */
    url: z.url({ protocol: /^https?$/ }).refine(
      (u) => {
        try {
          const parsed = new URL(u);
          return parsed.username === '' && parsed.password === '';
        } catch {
          return true; // z.url already reports it
        }
      },
      { error: 'a sink URL cannot hold user:password@; put credentials in headers (e.g. Authorization)' },
    ),
    /** Sent with every request (e.g. an Authorization header); never shown in the browser. */
    headers: z.record(z.string(), z.string()).default({}),
    timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  })
  .strict();

/** The demo pipeline's own sink: replays are kept in memory and fed back as events of `demo.replay`. */
export const demoSinkSchema = z.object({ id: nonEmpty, kind: z.literal('demo') }).strict();

export const sinkSchema = z.discriminatedUnion('kind', [
  kafkaSinkSchema,
  natsSinkSchema,
  httpSinkSchema,
  demoSinkSchema,
]);
export type SinkConfig = z.infer<typeof sinkSchema>;
export type KafkaSinkConfig = z.infer<typeof kafkaSinkSchema>;
export type NatsSinkConfig = z.infer<typeof natsSinkSchema>;
export type HttpSinkConfig = z.infer<typeof httpSinkSchema>;

/** Where the append-only replay audit log lives: a local JSON-lines file by default, or a PostgreSQL table. */
export const auditSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: nonEmpty.default('.cdcscope/audit.jsonl') }).strict(),
  z
    .object({
      kind: z.literal('postgres'),
      /** `postgres://user:pass@host:port/db`; `${ENV}` interpolation keeps the password out of the file. */
      connectionString: nonEmpty,
      /** Created when missing; `schema.table` allowed. */
      table: z
        .string()
        .regex(
          /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/,
          'expected a table name such as cdcscope_audit or ops.cdcscope_audit',
        )
        .default('cdcscope_audit'),
    })
    .strict(),
]);
export type AuditConfig = z.infer<typeof auditSchema>;

/** Seek on the broker: each request may ask for less, never more. */
export const seekLimitsSchema = z
  .object({
    /** Matching events returned by one seek at most. */
    maxResults: z.number().int().positive().max(10_000).default(500),
    /** Messages read from the broker by one seek at most. */
    maxScan: z.number().int().positive().max(100_000_000).default(1_000_000),
    /** A seek stops after this long whatever it found. */
    maxSeconds: z.number().int().positive().max(3_600).default(120),
    /** Seeks running at once (server-wide); more are refused with 429. */
    concurrent: z.number().int().positive().max(64).default(2),
  })
  .strict();
export type SeekLimits = z.infer<typeof seekLimitsSchema>;
