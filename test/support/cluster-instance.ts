import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { createAdapter } from '@socket.io/redis-adapter';
import { configSchema, type Config } from '../../lib/config/schema';
import { clusterSchema } from '../../lib/config/cluster-schema';
import type { PartialTableStats } from '../../lib/analytics/table-stats';
import { createSource } from '../../server/brokers/registry';
import { createClusterNode, type ClusterNode } from '../../server/cluster/cluster-node';
import { withClusterTables } from '../../server/cluster/cluster-state';
import { createPipeline, type Pipeline } from '../../server/pipeline/pipeline';
import { attachRealtime } from '../../server/realtime/socket-server';
import type { Source } from '../../server/brokers/source';
import type { DashboardState } from '../../server/pipeline/dashboard-state';
import { waitFor } from './stack-env';
import { TEST_REDIS } from './cluster-run';

export { clearRun, creates, TEST_REDIS } from './cluster-run';

/** Timing of a test cluster: fast publishes, so hand-overs and merges settle in seconds. */
export interface ClusterTiming {
  publishMs?: number;
  staleMs?: number;
}

/** A cluster node and its Socket.IO server, wired as server/main.ts wires them. */
export interface ServedNode {
  node: ClusterNode;
  url: string;
  /** Stops it; `last` publishes and releases (a clean stop), otherwise it stops as a killed process would. */
  stop(last: boolean): Promise<void>;
}

/**
 * A cluster node of deployment `run` with its own Redis connections, and
 * Socket.IO with the Redis adapter on its own HTTP port (404 for anything
 * else), answering from `stateOf(node)`.
 */
export async function serveClusterNode({
  id,
  run,
  redisUrl = TEST_REDIS,
  partials,
  stateOf,
  timing = {},
  onStop,
}: {
  id: string;
  /** The deployment's name: its consumer groups and Redis keys. */
  run: string;
  redisUrl?: string;
  partials: (now: number) => PartialTableStats[];
  stateOf: (node: ClusterNode) => DashboardState;
  timing?: ClusterTiming;
  /** Runs on stop after the node and sockets, before the Redis connections close (e.g. the pipeline's close). */
  onStop?: () => Promise<void>;
}): Promise<ServedNode> {
  const redis = new Redis(redisUrl);
  const late: { watching?: () => Record<string, number> } = {};
  const node = createClusterNode({
    cluster: clusterSchema.parse({
      redis: redisUrl,
      instanceId: id,
      name: run,
      publishMs: timing.publishMs ?? 500,
      staleMs: timing.staleMs ?? 2_500,
    }),
    maxTables: 100,
    redis,
    partials,
    watching: () => late.watching?.() ?? {},
    onFenced: () => undefined,
  });
  const http: HttpServer = createServer((_req, res) => res.writeHead(404).end());
  const [pub, sub] = [redis.duplicate(), redis.duplicate()];
  const realtime = attachRealtime(http, stateOf(node), {
    cluster: {
      adapter: createAdapter(pub, sub, { key: `cdcscope:${run}:io` }),
      interest: () => node.interest(Date.now()),
    },
  });
  late.watching = () => realtime.watching();
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  return {
    node,
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    async stop(last) {
      if (last) await node.close();
      else node.halt();
      await realtime.close().catch(() => undefined);
      await onStop?.().catch(() => undefined);
      for (const r of [pub, sub, redis]) r.disconnect();
      http.closeAllConnections();
      await new Promise((done) => http.close(done));
    },
  };
}

/**
 * One cdcscope instance of a cluster (issue #14) inside a test process: its
 * own Kafka consumer, pipeline and cluster node, as one process would have.
 */
export interface ClusterInstance {
  id: string;
  node: ClusterNode;
  pipeline: Pipeline;
  /** What its API and pushes answer: the cluster's merged tables and series. */
  state: DashboardState;
  sources: Source[];
  url: string;
  /** Stops it as a killed process would: no last publish, no release; its consumers leave the group. */
  kill(): Promise<void>;
  close(): Promise<void>;
}

export async function startClusterInstance({
  id,
  run,
  redisUrl = TEST_REDIS,
  sources: sourceConfigs,
  timing,
}: {
  id: string;
  run: string;
  redisUrl?: string;
  sources: unknown[];
  timing?: ClusterTiming;
}): Promise<ClusterInstance> {
  const config: Config = configSchema.parse({
    sources: sourceConfigs,
    audit: { kind: 'postgres', connectionString: 'postgres://unused/unused' },
  });
  let pipeline: Pipeline | undefined;
  let state: DashboardState | undefined;
  let sources: Source[] = [];
  const served = await serveClusterNode({
    id,
    run,
    redisUrl,
    timing,
    partials: (now) => pipeline?.partials(now) ?? [],
    onStop: async () => pipeline?.close(),
    stateOf: (node) => {
      sources = config.sources.map((s) => createSource(s, node.link(s.id)));
      pipeline = createPipeline({ config, sources, onCounted: (b) => node.counted(b) });
      state = withClusterTables(pipeline.state, node);
      return state;
    },
  });
  let stopped = false;
  const stop = async (last: boolean) => {
    if (stopped) return;
    stopped = true;
    await served.stop(last);
  };
  return {
    id,
    node: served.node,
    pipeline: pipeline!,
    state: state!,
    sources,
    url: served.url,
    kill: () => stop(false),
    close: () => stop(true),
  };
}

/** Creates per table of an instance's merged view. */
export const mergedCreates = (i: Pick<ClusterInstance, 'node'>): Record<string, number> =>
  Object.fromEntries(i.node.tables(Date.now()).map((t) => [t.tableKey, t.totals.c]));

/** Something that shows per-table counts: an instance in this process, or one answering over HTTP. */
export interface CountReader {
  id: string;
  counts(): Record<string, number> | Promise<Record<string, number>>;
}

/**
 * Waits until every reader shows exactly `expected` (the same tables, the
 * same counts); on a timeout the error says what each one showed last.
 */
export async function waitForCounts(
  what: string,
  readers: CountReader[],
  expected: Record<string, number>,
  timeoutMs: number,
): Promise<void> {
  const seen = new Map<string, unknown>();
  const want = JSON.stringify(Object.entries(expected).sort());
  try {
    await waitFor(
      what,
      async () => {
        const all = await Promise.all(readers.map(async (r) => [r.id, await r.counts()] as const));
        for (const [id, c] of all) seen.set(id, c);
        return all.every(([, c]) => JSON.stringify(Object.entries(c).sort()) === want);
      },
      timeoutMs,
      250,
    );
  } catch (e) {
    const shown = [...seen].map(([id, c]) => `${id}: ${JSON.stringify(c)}`).join('; ');
    throw new Error(`${(e as Error).message}; expected ${want}; readers showed ${shown || 'nothing'}`, { cause: e });
  }
}

/** `waitForCounts` over instances in this process, reading their merged views. */
export const waitForMerged = (
  what: string,
  group: ClusterInstance[],
  expected: Record<string, number>,
  timeoutMs: number,
): Promise<void> =>
  waitForCounts(
    what,
    group.map((i) => ({ id: i.id, counts: () => mergedCreates(i) })),
    expected,
    timeoutMs,
  );
