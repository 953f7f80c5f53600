import './server-only';
import { createServer } from 'node:http';
import next from 'next';
import { clientIp, pageRedirect, socketAuthorizer } from './auth/auth-http';
import { MAX_SOCKETS_PER_ADDRESS, MAX_SOCKETS_PER_PRINCIPAL } from './realtime/socket-limits';
import { createAuthService } from './auth/auth-service';
import { createSharedSessions } from './auth/shared-sessions';
import { ConfigError, loadConfig } from './config/load-config';
import { createApiHandler } from './http/api';
import { createFrontDoor } from './http/front-door';
import { allowedHosts, hostAllowed } from '../lib/auth/hosts';
import { createMetrics } from './metrics/metrics';
import { registerStateMetrics } from './metrics/state-metrics';
import { createPipeline, type Pipeline } from './pipeline/pipeline';
import { Redis } from 'ioredis';
import { createAdapter } from '@socket.io/redis-adapter';
import { reportRedisErrors } from './cluster/redis-errors';
import { createClusterNode } from './cluster/cluster-node';
import { withClusterTables } from './cluster/cluster-state';
import { jetStreamShards } from '../lib/cluster/shard-pairs';
import { registerClusterMetrics } from './cluster/cluster-metrics';
import { createAuditLog } from './audit/create-audit-log';
import { createAuditRoutes } from './audit/audit-routes';
import { createConnectorHealth } from './connectors/create-connectors';
import { createConnectorsRoutes } from './connectors/connectors-routes';
import { registerConnectorMetrics } from './connectors/connector-metrics';
import { createReplayRoutes } from './replay/replay-routes';
import { createEventLookup } from './event-lookup/event-lookup';
import { createEventDetailRoute } from './http/events-routes';
import { createReplayService } from './replay/replay-service';
import { createSeekRoutes } from './seek/seek-routes';
import { createSeekGate } from './seek/seek-gate';
import { createHistoryRoutes } from './row-history/history-routes';
import { createSeekTracker } from './seek/seek-tracker';
import { attachRealtime } from './realtime/socket-server';
import { createWireDecoders } from './schema-registry/wire-decoders';
import { createLagPollers, createSinkSenders, createSource, liveReadsOf } from './brokers/registry';
import { errorMessage } from '../lib/error-message';

const VERSION = '0.1.0';

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`cdcscope: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }

  const dev = process.env.NODE_ENV !== 'production';
  const { host, port } = config.server;
  const app = next({ dev, hostname: host, port, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();

  const metrics = createMetrics();
  // Cluster mode: every series says which instance it is from; Prometheus scrapes each (README, "Running several instances").
  if (config.cluster) metrics.registry.setDefaultLabels({ cdcscope_instance: config.cluster.instanceId });
  // Cluster mode (issue #14): Kafka splits the partitions, Redis carries each instance's counts to the others.
  let partials: Pipeline['partials'] = () => [];
  let watching: () => Record<string, number> = () => ({});
  const redis = config.cluster
    ? new Redis(config.cluster.redis, { lazyConnect: false, maxRetriesPerRequest: 2 })
    : undefined;
  if (redis) reportRedisErrors(redis, 'counts and sessions');
  const node =
    config.cluster && redis
      ? createClusterNode({
          cluster: config.cluster,
          maxTables: config.limits.maxTables,
          redis,
          partials: (now) => partials(now),
          watching: () => watching(),
          onFenced: () => {
            console.error(
              'cdcscope: cluster: this instance was silent longer than staleMs and the others took over its partitions; stopping so it can start anew',
            );
            process.exit(3);
          },
        })
      : undefined;
  const sources = config.sources.map((s) => createSource(s, node?.link(s.id)));
  // One Schema Registry client per source that has one, shared by the pipeline, seek and event lookup.
  const decoders = createWireDecoders(config);
  const pipeline = createPipeline({ config, sources, metrics, decoders, onCounted: node && ((b) => node.counted(b)) });
  partials = (now) => pipeline.partials(now);
  const state = node
    ? withClusterTables(pipeline.state, node, config.replicas, jetStreamShards(config.sources))
    : pipeline.state;
  for (const poller of createLagPollers(config.sources)) pipeline.lag.add(poller);
  registerStateMetrics(metrics.registry, state);
  if (node) registerClusterMetrics(metrics.registry, node);
  // Cluster mode: sessions in Redis, so a user signed in on one instance is signed in on every one.
  const shared =
    config.cluster && redis && config.auth.enabled
      ? createSharedSessions({
          redis,
          name: config.cluster.name,
          idleMs: config.auth.sessionIdleMinutes * 60_000,
          maxAgeMs: config.auth.sessionMaxHours * 3_600_000,
        })
      : undefined;
  const auth = createAuthService(config.auth, shared ? { shared } : {});
  let audit;
  try {
    audit = await createAuditLog(config.audit);
  } catch (err) {
    // Replay without its audit trail is not allowed, so an unusable log stops start-up.
    console.error(`cdcscope: cannot open the audit log (audit: in the configuration): ${errorMessage(err)}`);
    process.exit(2);
  }
  // Schema-change topics are read beside the configured ones: seek and event lookup read them back too.
  const liveReads = liveReadsOf(sources);
  const events = createEventLookup(config, pipeline.inspector.lookup, decoders, liveReads);
  // The demo sink's replays come back through the same pipeline, as events of `demo.replay`.
  const senders = createSinkSenders(config, (m) => pipeline.ingest([m]));
  const replay = createReplayService({
    sinks: config.sinks,
    senders,
    audit,
    lookup: (id) => events.event(id),
    masker: pipeline.inspector.masker,
    authEnabled: auth.enabled,
    schemas: (sourceId) => decoders.schemas(sourceId),
  });
  const seeks = createSeekTracker();
  // Kafka Connect and Debezium Server health, and the operator's connector actions (audited like replays).
  const connectorHealth = createConnectorHealth(config, audit, auth.enabled);
  registerConnectorMetrics(metrics.registry, connectorHealth.monitor);
  // Seeks and row histories' broker reads share one cap (`seek.concurrent`).
  const seekGate = createSeekGate(config.seek.concurrent);
  const api = createApiHandler(
    state,
    metrics.registry,
    { startedAt: Date.now(), version: VERSION },
    {
      auth,
      extraRoutes: [
        createEventDetailRoute(events, pipeline.inspector.masker, {
          clockOf: pipeline.state.clockOf,
          links: pipeline.inspector.links,
          offShape: pipeline.state.offShape,
        }),
        ...createSeekRoutes({
          config,
          masker: pipeline.inspector.masker,
          tracker: seeks,
          decoders,
          gate: seekGate,
          liveReads,
        }),
        ...createHistoryRoutes({
          config,
          state: pipeline.state,
          lookup: pipeline.inspector.lookup,
          masker: pipeline.inspector.masker,
          gate: seekGate,
          tracker: seeks,
          decoders,
        }),
        ...createReplayRoutes(replay),
        ...createAuditRoutes(audit),
        ...createConnectorsRoutes(pipeline.state, connectorHealth.monitor, connectorHealth.actions),
      ],
    },
  );

  const hosts = allowedHosts(host, config.server.allowedHosts);
  const frontDoor = createFrontDoor({ allowedHosts: hosts, authEnabled: auth.enabled, dev });
  const http = createServer((req, res) => {
    if (frontDoor(req, res)) return;
    api(req, res)
      .then(async (handled) => {
        if (handled) return;
        // A page's sign-in check, like the API's, may need the session from Redis (cluster mode).
        await auth.prepare(req.headers);
        const login = pageRedirect(auth, req);
        if (!login) return handle(req, res);
        res.writeHead(302, { location: login, 'cache-control': 'no-store' });
        res.end();
      })
      .catch((err: unknown) => {
        console.error('cdcscope: request failed', err);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'internal error' }));
      });
  });
  const gate = socketAuthorizer(auth);
  // With auth off no hook at all, so sockets behave exactly as before.
  const realtime = attachRealtime(http, state, {
    ...(auth.enabled
      ? { authorize: (socket, phase) => gate(socket.request, phase), prepare: (req) => auth.prepare(req.headers) }
      : {}),
    allowRequest: (req) => hostAllowed(req.headers.host, hosts),
    owner: (req) => {
      const who = auth.enabled ? auth.identify(req.headers, { touch: false }) : null;
      return who?.user
        ? { key: `${who.via}:${who.user}`, max: MAX_SOCKETS_PER_PRINCIPAL }
        : { key: `address:${clientIp(req)}`, max: MAX_SOCKETS_PER_ADDRESS };
    },
    // Socket.IO's Redis adapter needs a connection of its own to subscribe on; its key keeps deployments apart.
    ...(node && redis && config.cluster
      ? {
          cluster: {
            adapter: createAdapter(
              reportRedisErrors(redis.duplicate(), 'live pushes'),
              reportRedisErrors(redis.duplicate(), 'live pushes, subscriber'),
              {
                key: `cdcscope:${config.cluster.name}:io`,
              },
            ),
            interest: () => node.interest(Date.now()),
          },
        }
      : {}),
  });
  watching = () => realtime.watching();
  const sweep = setInterval(() => auth.sweep(), 60_000);
  sweep.unref();

  // Issue #17.7: past this many open connections new ones are dropped at once, so a flood of slow clients
  // cannot exhaust file descriptors; a client that has not sent its headers in 10 s is cut off (Node's default: 60 s).
  http.maxConnections = config.server.maxConnections;
  http.headersTimeout = 10_000;
  http.requestTimeout = 30_000;
  http.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE')
      console.error(`cdcscope: port ${port} on ${host} is taken; set CDCSCOPE_PORT or server.port to a free port`);
    else console.error(`cdcscope: cannot listen on ${host}:${port}: ${err.message}`);
    process.exit(1);
  });
  http.listen(port, host, () => {
    const names = config.sources.map((s) => `${s.id} (${s.kind})`).join(', ');
    console.log(
      `cdcscope ${VERSION} listening on http://${host}:${port} (${dev ? 'development' : 'production'}); sources: ${names}${auth.enabled ? '; authentication on' : ''}`,
    );
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`cdcscope: ${signal}, shutting down`);
    const force = setTimeout(() => process.exit(0), 5_000);
    force.unref();
    await realtime.close().catch(() => undefined);
    // Before the pipeline: a cancelled Kafka seek still has to delete its consumer group.
    await seeks.drain();
    await pipeline.close();
    await node?.close();
    connectorHealth.monitor.close();
    await replay.close().catch(() => undefined);
    await audit.close().catch(() => undefined);
    auth.close();
    http.close(() => process.exit(0));
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

// An error that escapes a source or a handler must not take the dashboard down with it.
process.on('unhandledRejection', (err) => console.error('cdcscope: unhandled rejection', err));

void main();
