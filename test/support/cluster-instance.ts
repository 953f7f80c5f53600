import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { createAdapter } from '@socket.io/redis-adapter';
import { configSchema, type Config } from '../../lib/config/schema';
import { createSource } from '../../server/brokers/registry';
import { createClusterNode, type ClusterNode } from '../../server/cluster/cluster-node';
import { withClusterTables } from '../../server/cluster/cluster-state';
import { createPipeline, type Pipeline } from '../../server/pipeline/pipeline';
import { attachRealtime } from '../../server/realtime/socket-server';
import type { Source } from '../../server/brokers/source';
import type { DashboardState } from '../../server/pipeline/dashboard-state';

/**
 * One cdcscope instance of a cluster (issue #14) inside a test process, wired
 * as server/main.ts wires it: its own Kafka consumer, pipeline, cluster node,
 * and Socket.IO on its own HTTP port with the Redis adapter.
 */
export interface ClusterInstance {
  id: string;
  node: ClusterNode;
  pipeline: Pipeline;
  /** What its API and pushes answer: the cluster's merged tables and series. */
  state: DashboardState;
  sources: Source[];
  url: string;
  /** Stops it as a killed process would: no last publish, no release. */
  kill(): Promise<void>;
  close(): Promise<void>;
}

export async function startClusterInstance({
  id,
  run,
  redisUrl,
  sources: sourceConfigs,
}: {
  id: string;
  /** The deployment's name: its consumer groups and Redis keys. */
  run: string;
  redisUrl: string;
  sources: unknown[];
}): Promise<ClusterInstance> {
  const config: Config = configSchema.parse({
    sources: sourceConfigs,
    audit: { kind: 'postgres', connectionString: 'postgres://unused/unused' },
    cluster: { redis: redisUrl, instanceId: id, name: run, publishMs: 500, staleMs: 2_500 },
  });
  const redis = new Redis(redisUrl);
  const late: { pipeline?: Pipeline; watching?: () => Record<string, number> } = {};
  const node = createClusterNode({
    cluster: config.cluster!,
    maxTables: 100,
    redis,
    partials: (now) => late.pipeline?.partials(now) ?? [],
    watching: () => late.watching?.() ?? {},
    onFenced: () => undefined,
  });
  const sources = config.sources.map((s) => createSource(s, node.link(s.id)));
  const pipeline = createPipeline({ config, sources, onCounted: (b) => node.counted(b) });
  late.pipeline = pipeline;
  const http: HttpServer = createServer((_req, res) => res.writeHead(404).end());
  const pub = redis.duplicate();
  const sub = redis.duplicate();
  const state = withClusterTables(pipeline.state, node);
  const realtime = attachRealtime(http, state, {
    cluster: {
      adapter: createAdapter(pub, sub, { key: `cdcscope:${run}:io` }),
      interest: () => node.interest(Date.now()),
    },
  });
  late.watching = () => realtime.watching();
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  let stopped = false;
  const stop = async (last: boolean) => {
    if (stopped) return;
    stopped = true;
    if (last) await node.close();
    else node.halt();
    await realtime.close().catch(() => undefined);
    await pipeline.close().catch(() => undefined);
    for (const r of [pub, sub, redis]) r.disconnect();
    http.closeAllConnections();
    await new Promise((done) => http.close(done));
  };
  return { id, node, pipeline, state, sources, url, kill: () => stop(false), close: () => stop(true) };
}
