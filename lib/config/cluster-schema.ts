import { z } from 'zod';

/**
 * `cluster:` in the configuration (issue #14): several cdcscope instances
 * started with one configuration file share the work through Kafka's
 * consumer groups and Redis. Absent, cdcscope is one process and needs no
 * Redis at all, exactly as before.
 */
export const clusterSchema = z
  .object({
    /** The Redis every instance of the deployment uses: `redis://host:6379` (`rediss://` for TLS; `${ENV}` for a password). */
    redis: z.url({ protocol: /^rediss?$/, error: 'expected a redis:// or rediss:// URL' }),
    /**
     * This instance's name, unique in the deployment: the label of its
     * per-instance figures and its key in Redis. `${HOSTNAME}` is the machine's
     * host name even where the shell does not export it.
     */
    instanceId: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'expected 1–64 letters, digits, dots, dashes, colons or underscores'),
    /**
     * The deployment's name: one Kafka consumer group per Kafka source
     * (`cdcscope-cluster-<name>-<source id>`, so the lag page leaves it out as
     * cdcscope's own) and the prefix of its Redis keys. Two deployments on one
     * Redis and one Kafka need two names.
     */
    name: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected 1–64 letters, digits, dots, dashes or underscores')
      .default('default'),
    /** How often each instance publishes its partial statistics to Redis, ms: the merged view is this much behind at most. */
    publishMs: z.number().int().min(250).max(10_000).default(1_000),
    /**
     * An instance that has not published for this long is taken as gone: it
     * leaves the instance list, and its partitions' new owners stop waiting
     * for its hand-over. At least three publish periods, so one slow publish
     * is not a death.
     */
    staleMs: z.number().int().min(2_000).max(300_000).default(10_000),
  })
  .strict()
  .refine((c) => c.staleMs >= 3 * c.publishMs, {
    path: ['staleMs'],
    error: 'staleMs must be at least three times publishMs',
  });

export type ClusterConfig = z.infer<typeof clusterSchema>;

/** The consumer group every instance of a deployment joins for one Kafka source. */
export function clusterGroupId(cluster: Pick<ClusterConfig, 'name'>, sourceId: string): string {
  return `cdcscope-cluster-${cluster.name}-${sourceId}`;
}

/**
 * What cluster mode refuses in an otherwise valid configuration, as
 * `{ path, message }` for the schema's own issues. Each instance keeps its own
 * demo generator (the same rows N times) and its own audit file (a replay id
 * known to one file is unknown to the others), so both are refused at start
 * rather than giving N-fold counts or a replay sent twice.
 */
export function clusterConflicts(cfg: {
  sources: readonly { kind: string }[];
  audit: { kind: string };
}): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  if (cfg.audit.kind !== 'postgres')
    out.push({
      path: ['audit', 'kind'],
      message:
        'cluster mode needs the PostgreSQL audit log (audit: { kind: postgres, connectionString: … }): a file log on each instance cannot keep a replay id sent once across instances',
    });
  cfg.sources.forEach((s, i) => {
    if (s.kind === 'demo')
      out.push({
        path: ['sources', i, 'kind'],
        message:
          'a demo source cannot run in cluster mode: every instance would generate the same rows and the merged counts would be N-fold',
      });
  });
  return out;
}
