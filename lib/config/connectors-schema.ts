import { z } from 'zod';

/**
 * `connect:` and `debeziumServer:` in the configuration (issue #13 §4): where
 * cdcscope asks about the connectors' own health. Both optional; both read
 * with bounded, timed requests (server/connectors/). Credentials stay on the
 * server: the browser sees the URL's origin and path only.
 */

const nonEmpty = z.string().min(1);

/** An http(s) URL without `user:password@` (credentials go in `auth`, so no URL ever carries them into a log). */
const baseUrl = z.url({ protocol: /^https?$/ }).refine(
  (u) => {
    try {
      const parsed = new URL(u);
      return parsed.username === '' && parsed.password === '';
    } catch {
      return true; // z.url already reports it
    }
  },
  { error: 'the URL cannot hold user:password@; put credentials in auth' },
);

/** Kafka Connect's REST API (`/connectors?expand=status&expand=info`, pause, resume, task restart). */
export const connectConfigSchema = z
  .object({
    /** The REST listener of any worker of the cluster, e.g. http://connect:8083. */
    url: baseUrl,
    /** HTTP basic authentication (Connect's `rest.extension.classes` JAAS realm). */
    auth: z.object({ username: nonEmpty, password: z.string() }).strict().optional(),
    /** How often the status is read, ms. */
    pollMs: z.number().int().min(1_000).max(600_000).default(5_000),
    /** A request that takes longer fails (the page then says Connect is unreachable), ms. */
    timeoutMs: z.number().int().min(100).max(60_000).default(5_000),
  })
  .strict();
export type ConnectConfig = z.infer<typeof connectConfigSchema>;

/** Debezium Server's Quarkus health endpoint (`/q/health`). */
export const debeziumServerConfigSchema = z
  .object({
    /** Its HTTP root, e.g. http://debezium-server:8080 (`/q/health` is appended). */
    url: baseUrl,
    pollMs: z.number().int().min(1_000).max(600_000).default(5_000),
    timeoutMs: z.number().int().min(100).max(60_000).default(5_000),
  })
  .strict();
export type DebeziumServerConfig = z.infer<typeof debeziumServerConfigSchema>;
