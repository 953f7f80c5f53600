import { z } from 'zod';
import { replicaPairConfigSchema } from './replicas-schema';
import { maskingSchema } from '../masking/schema';
import { authSchema } from './auth-schema';
import { lagConfigSchema } from './lag-schema';
import { connectConfigSchema, debeziumServerConfigSchema } from './connectors-schema';
import { auditSchema, seekLimitsSchema, sinkSchema } from './sinks-schema';
import { clusterConflicts, clusterSchema } from './cluster-schema';
import { subjectsOverlap } from '../nats/subject-match';

/**
 * The configuration file's schema. Pure (no I/O) so the same definitions
 * document the format, validate at start-up and feed the reference in the README.
 */

const nonEmpty = z.string().min(1);

/** `"/regex/"` in a topic list is a pattern; anything else an exact name. */
const topicSpec = nonEmpty;

const kafkaStart = z.union([
  z.enum(['latest', 'earliest']),
  z.object({ timestamp: z.union([z.number().int().nonnegative(), z.iso.datetime({ offset: true })]) }).strict(),
]);

const sasl = z.discriminatedUnion('mechanism', [
  z.object({ mechanism: z.literal('plain'), username: nonEmpty, password: z.string() }).strict(),
  z.object({ mechanism: z.literal('scram-sha-256'), username: nonEmpty, password: z.string() }).strict(),
  z.object({ mechanism: z.literal('scram-sha-512'), username: nonEmpty, password: z.string() }).strict(),
]);

const tls = z.union([
  z.boolean(),
  z
    .object({
      caFile: z.string().optional(),
      certFile: z.string().optional(),
      keyFile: z.string().optional(),
      rejectUnauthorized: z.boolean().default(true),
    })
    .strict(),
]);

/**
 * How messages beyond the plain Debezium envelope are recognised
 * (lib/debezium): outbox router topics and the `ExtractNewRecordState`
 * metadata prefixes. Defaults are Debezium's own.
 */
const decodingSchema = z
  .object({
    /** Outbox event router topics (`route.topic.replacement`): `/regex/`, a name with `*`, or an exact name; the `*` (or the regex's first group) is the aggregate type. */
    outboxTopics: z
      .array(
        nonEmpty.refine((p) => {
          if (!(p.length > 2 && p.startsWith('/') && p.endsWith('/'))) return true;
          try {
            new RegExp(p.slice(1, -1));
            return true;
          } catch {
            return false;
          }
        }, 'invalid regular expression'),
      )
      .default(['outbox.event.*']),
    /** `add.fields.prefix` of ExtractNewRecordState. */
    flattenedFieldPrefix: nonEmpty.default('__'),
    /** `add.headers.prefix` of ExtractNewRecordState. */
    flattenedHeaderPrefix: nonEmpty.default('__'),
  })
  .strict();

/**
 * A Schema Registry with Confluent's REST API (also Apicurio's `ccompat`
 * API, Karapace, Redpanda), for Avro and JSON Schema values in the wire
 * format. The credentials stay on the server.
 */
const registrySchema = z
  .object({
    /** Base URL, e.g. http://registry:8081 or http://apicurio:8080/apis/ccompat/v7. */
    url: z.url({ protocol: /^https?$/ }),
    auth: z
      .union([
        z.object({ username: nonEmpty, password: z.string() }).strict(),
        z.object({ bearerToken: nonEmpty }).strict(),
      ])
      .optional(),
    /** Schemas cached; past it the one stored longest ago is dropped (and fetched again if seen). */
    maxSchemas: z.number().int().positive().max(100_000).default(1_000),
    /** A schema request that takes longer fails (the messages stay undecodable with the reason until it is retried). */
    timeoutMs: z.number().int().min(100).default(5_000),
    /** How long a failed schema fetch is remembered before the id is asked for again. */
    retryMs: z.number().int().min(1_000).default(30_000),
    /** `readable`: decimals, dates and times as text ("12.34", "2024-01-31T13:45:07.123456"); `json-converter`: exactly what the JsonConverter writes. */
    avroLogicalTypes: z.enum(['readable', 'json-converter']).default('readable'),
  })
  .strict();

/** Primary keys per table (`db.table` or `server.db.table`), to derive keys for keyless JetStream messages. */
const primaryKeys = z.record(z.string(), z.array(nonEmpty).min(1)).default({});

export const kafkaSourceSchema = z
  .object({
    id: nonEmpty,
    kind: z.literal('kafka'),
    brokers: z.array(nonEmpty).min(1),
    clientId: nonEmpty.default('cdcscope'),
    sasl: sasl.optional(),
    tls: tls.optional(),
    topics: z.array(topicSpec).min(1),
    start: kafkaStart.default('latest'),
    /** How often to look for new topics matching a pattern, ms. */
    topicRefreshMs: z.number().int().min(1000).default(30_000),
    /**
     * Also read the schema-change topic (`<prefix>`, MySQL/MariaDB's DDL) of every connector whose table
     * topics (`<prefix>.<db>.<table>`) are read, when it exists: the DDL goes on each table's schema timeline.
     */
    schemaChangeTopics: z.boolean().default(true),
    /** Schema Registry for values and keys in the wire format (Avro, JSON Schema). */
    registry: registrySchema.optional(),
    decoding: decodingSchema.default(decodingSchema.parse({})),
    /** Downstream consumer groups whose lag to watch (read-only: nothing is committed or joined). */
    lag: z
      .object({
        /** Group names or /regex/; cdcscope's own groups are always left out. */
        groups: z.array(nonEmpty).default(['/.*/']),
        pollMs: z.number().int().min(500).default(2_000),
      })
      .strict()
      .optional(),
  })
  .strict();

const jetstreamStart = z.union([
  z.enum(['new', 'all']),
  z.object({ seq: z.number().int().positive() }).strict(),
  z.object({ time: z.union([z.number().int().nonnegative(), z.iso.datetime({ offset: true })]) }).strict(),
]);

const natsAuth = z.union([
  z.object({ user: nonEmpty, pass: z.string() }).strict(),
  z.object({ token: nonEmpty }).strict(),
  z.object({ credsFile: nonEmpty }).strict(),
]);

export const jetstreamSourceSchema = z
  .object({
    id: nonEmpty,
    kind: z.literal('jetstream'),
    servers: z.array(nonEmpty).min(1),
    auth: natsAuth.optional(),
    stream: nonEmpty,
    /** One subject filter (NATS 2.9 allows only one per consumer); wildcards allowed. */
    subject: nonEmpty.default('>'),
    /**
     * Cluster mode only (issue #14): disjoint subject filters, each read by one
     * live instance that holds its Redis lease, in place of `subject`; a dead
     * instance's shards go to the others (README, "Running several instances").
     * Ignored by a single process, which reads `subject`.
     */
    shards: z
      .array(nonEmpty)
      .min(1)
      .max(256)
      .refine(
        (shards) => shards.every((a, i) => shards.every((b, j) => j <= i || !subjectsOverlap(a, b))),
        'shards must not overlap: a subject matched by two shards would be counted by two instances',
      )
      .optional(),
    start: jetstreamStart.default('new'),
    primaryKeys,
    decoding: decodingSchema.default(decodingSchema.parse({})),
    /** Durable consumers of the stream whose lag to watch (all when `consumers` is absent). */
    lag: z
      .object({
        consumers: z.array(nonEmpty).optional(),
        pollMs: z.number().int().min(500).default(2_000),
      })
      .strict()
      .optional(),
  })
  .strict();

export const demoSourceSchema = z
  .object({
    id: nonEmpty.default('demo'),
    kind: z.literal('demo'),
    /** Row changes per second across all demo tables. */
    rate: z.number().positive().max(100_000).default(40),
    seed: z.number().int().default(42),
    /** Extra synthetic tables (server `demo_load`), to see how the dashboard copes with many. */
    extraTables: z.number().int().min(0).max(10_000).default(0),
  })
  .strict();

export const sourceSchema = z.discriminatedUnion('kind', [kafkaSourceSchema, jetstreamSourceSchema, demoSourceSchema]);

export const limitsSchema = z
  .object({
    /** Tables tracked at once; the least recently updated is evicted past this. */
    maxTables: z.number().int().positive().default(2000),
    /** Recent events shown on a table page: the newest of the inspector buffer (at most 500). */
    recentEventsPerTable: z.number().int().positive().max(500).default(200),
    /** Largest message value decoded; bigger ones are shown as undecodable. */
    maxValueBytes: z
      .number()
      .int()
      .positive()
      .default(8 * 1024 * 1024),
    /** Inspector buffer: whole events kept per table (the oldest go first past either limit)… */
    inspectorEventsPerTable: z.number().int().positive().default(500),
    inspectorBytesPerTable: z
      .number()
      .int()
      .positive()
      .default(2 * 1024 * 1024),
    /** …and in all (the least recently written table loses its oldest first). */
    inspectorBytes: z
      .number()
      .int()
      .positive()
      .default(128 * 1024 * 1024),
  })
  .strict();

export const configSchema = z
  .object({
    server: z
      .object({
        host: nonEmpty.default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(3000),
        /**
         * Host names this server answers to (the `Host` header; DNS-rebinding
         * defence). Absent: its loopback names when bound to loopback, any
         * name otherwise. `.example.com` also allows subdomains.
         */
        allowedHosts: z.array(nonEmpty).optional(),
        /** Open HTTP connections (sockets included) at most; more are dropped at once. */
        maxConnections: z.number().int().min(16).max(1_000_000).default(1_024),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 3000, maxConnections: 1_024 }),
    sources: z.array(sourceSchema).min(1),
    /** Replica pairs: the same tables from two connectors, compared event by event (docs/replicas.md). */
    replicas: z.array(replicaPairConfigSchema).default([]),
    /** Columns masked on the server before anything leaves it (docs/masking.md); obvious secrets by default. */
    masking: maskingSchema.default(maskingSchema.parse({})),
    limits: limitsSchema.default(limitsSchema.parse({})),
    /** Users, roles and API tokens (README "Users and access"); off by default. */
    auth: authSchema.default(authSchema.parse({})),
    /** Where events may be replayed to (README "Replay"); none by default. */
    sinks: z.array(sinkSchema).default([]),
    /** The append-only replay audit log. */
    audit: auditSchema.default({ kind: 'file', path: '.cdcscope/audit.jsonl' }),
    /** Limits of a seek on the broker (inspector "Seek"). */
    seek: seekLimitsSchema.default(seekLimitsSchema.parse({})),
    /** Heartbeat tables as millisecond clocks per connector (README "Lag, defined"). */
    lag: lagConfigSchema.default(lagConfigSchema.parse({})),
    /** Kafka Connect's REST API, for connector and task health and the operator's pause, resume and restart (optional). */
    connect: connectConfigSchema.optional(),
    /** Debezium Server's health endpoint (optional). */
    debeziumServer: debeziumServerConfigSchema.optional(),
    /** Several instances, one view (README "Running several instances"); absent: one process, no Redis. */
    cluster: clusterSchema.optional(),
    /**
     * Decode worker threads (issue #11): 0 decodes on the main thread (the default); N > 0 decodes every
     * batch on one of N worker threads while the main thread accounts the previous ones.
     */
    ingest: z
      .object({ workers: z.number().int().min(0).max(16).default(0) })
      .strict()
      .default({ workers: 0 }),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    if (cfg.cluster) for (const issue of clusterConflicts(cfg)) ctx.addIssue({ code: 'custom', ...issue });
    const seen = new Set<string>();
    cfg.sources.forEach((s, i) => {
      if (seen.has(s.id))
        ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `duplicate source id "${s.id}"` });
      seen.add(s.id);
    });
    const sinkIds = new Set<string>();
    cfg.sinks.forEach((sink, i) => {
      if (sinkIds.has(sink.id))
        ctx.addIssue({ code: 'custom', path: ['sinks', i, 'id'], message: `duplicate sink id "${sink.id}"` });
      sinkIds.add(sink.id);
      if ((sink.kind === 'kafka' || sink.kind === 'nats') && sink.cluster !== undefined) {
        const want = sink.kind === 'kafka' ? 'kafka' : 'jetstream';
        const source = cfg.sources.find((s) => s.id === sink.cluster);
        if (source?.kind !== want)
          ctx.addIssue({
            code: 'custom',
            path: ['sinks', i, 'cluster'],
            message: `no ${want} source with id "${sink.cluster}"`,
          });
      }
    });
    const pairs = new Set<string>();
    cfg.replicas.forEach((p, i) => {
      if (pairs.has(p.id))
        ctx.addIssue({ code: 'custom', path: ['replicas', i, 'id'], message: `duplicate replica pair id "${p.id}"` });
      pairs.add(p.id);
      for (const side of ['a', 'b'] as const) {
        const sourceId = p[side].sourceId;
        if (sourceId !== undefined && !seen.has(sourceId))
          ctx.addIssue({
            code: 'custom',
            path: ['replicas', i, side, 'sourceId'],
            message: `no source with id "${sourceId}"`,
          });
      }
    });
  });

export type Config = z.infer<typeof configSchema>;
export type SourceConfig = z.infer<typeof sourceSchema>;
export type KafkaSourceConfig = z.infer<typeof kafkaSourceSchema>;
export type JetStreamSourceConfig = z.infer<typeof jetstreamSourceSchema>;
export type DemoSourceConfig = z.infer<typeof demoSourceSchema>;
export type RegistryConfig = z.infer<typeof registrySchema>;
export type DecodingConfig = z.infer<typeof decodingSchema>;

/** The configuration used when none is given: the built-in demo pipeline, its replica pair compared. */
export const DEMO_CONFIG_INPUT = {
  sources: [{ kind: 'demo' }],
  replicas: [{ id: 'demo', a: { serverName: 'demo_a' }, b: { serverName: 'demo_b' } }],
  sinks: [{ id: 'demo-replay', kind: 'demo' }],
} as const;

/** Formats zod issues as `sources.0.brokers: expected array, received undefined` lines. */
export function formatConfigIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}
