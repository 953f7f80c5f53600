import '../server-only';
import type { DebeziumServerConfig } from '../../lib/config/connectors-schema';
import type { ConnectorsResponse, DebeziumServerView, EndpointStatus } from '../../lib/contracts/connectors';
import { parseConnectStatus, type ConnectorStatus } from '../../lib/connectors/connect-status';
import { linkConnectors, serverViews, type SeenData } from '../../lib/connectors/connector-view';
import { parseDebeziumHealth } from '../../lib/connectors/debezium-health';
import { safeErrorText } from '../../lib/redact';
import { displayUrl, readCapped, type ConnectClient } from './connect-client';

/**
 * Polls Kafka Connect and Debezium Server on their own timers (never two
 * requests to one at once) and keeps the last answer of each. An endpoint
 * that fails is a state (`down` with the redacted reason, the last good
 * connector list kept with its time), never a crash; an operator's action
 * asks for a poll at once so the page shows its effect.
 */
export interface ConnectorsMonitor {
  /** The answer of `GET /api/connectors`, linked to what the pipeline sees. */
  view(seen: SeenData, canOperate: boolean): ConnectorsResponse;
  /** The connectors of the last good answer (for actions and /metrics). */
  connectors(): readonly ConnectorStatus[];
  connectStatus(): EndpointStatus | null;
  debeziumServer(): DebeziumServerView | null;
  /** Polls Connect now (after an action); resolves when that poll ends. */
  refresh(): Promise<void>;
  close(): void;
}

export interface MonitorOptions {
  connect?: { client: ConnectClient; pollMs: number };
  debeziumServer?: DebeziumServerConfig;
  now?: () => number;
}

function loop(everyMs: number, poll: () => Promise<void>) {
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= poll().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  void run();
  return { run, stop: () => clearInterval(timer) };
}

export function createConnectorsMonitor(options: MonitorOptions): ConnectorsMonitor {
  const now = options.now ?? Date.now;
  let connect: EndpointStatus | null = null;
  let connectors: ConnectorStatus[] = [];
  let dbz: DebeziumServerView | null = null;
  const loops: { run: () => Promise<void>; stop: () => void }[] = [];
  let connectLoop: { run: () => Promise<void> } | null = null;

  if (options.connect) {
    const { client, pollMs } = options.connect;
    connect = { url: client.url, state: 'pending', error: null, checkedAt: null, lastOkAt: null };
    connectLoop = loop(pollMs, async () => {
      const at = now();
      try {
        const parsed = parseConnectStatus(await client.status());
        if (!parsed.ok) throw new Error(parsed.error);
        connectors = parsed.value.connectors;
        const cut =
          parsed.value.dropped > 0 ? `${parsed.value.dropped} connectors beyond the first 1,000 not shown` : null;
        connect = { url: client.url, state: 'up', error: cut, checkedAt: at, lastOkAt: at };
      } catch (err) {
        connect = {
          url: client.url,
          state: 'down',
          error: safeErrorText(err),
          checkedAt: at,
          lastOkAt: connect?.lastOkAt ?? null,
        };
      }
    });
    loops.push(connectLoop as { run: () => Promise<void>; stop: () => void });
  }

  if (options.debeziumServer) {
    const cfg = options.debeziumServer;
    const url = displayUrl(cfg.url);
    const healthUrl = `${cfg.url.replace(/\/+$/, '')}/q/health`;
    dbz = { url, state: 'pending', error: null, checkedAt: null, lastOkAt: null, status: null, checks: [] };
    loops.push(
      loop(cfg.pollMs, async () => {
        const at = now();
        try {
          let res: Response;
          try {
            res = await fetch(healthUrl, { redirect: 'error', signal: AbortSignal.timeout(cfg.timeoutMs) });
          } catch (err) {
            if ((err as { name?: string }).name === 'TimeoutError')
              throw new Error(`Debezium Server did not answer within ${cfg.timeoutMs} ms`, { cause: err });
            const code = (err as { cause?: { code?: string } }).cause?.code;
            throw new Error(`Debezium Server is unreachable${code ? ` (${code})` : ''}`, { cause: err });
          }
          // 503 carries the same body as 200: the checks say what is down.
          let json: unknown;
          try {
            json = JSON.parse(await readCapped(res, 1024 * 1024));
          } catch {
            throw new Error(`the health endpoint answered HTTP ${res.status} without JSON`);
          }
          const h = parseDebeziumHealth(json);
          if (!h.ok) throw new Error(h.error);
          dbz = { url, state: 'up', error: null, checkedAt: at, lastOkAt: at, ...h.value };
        } catch (err) {
          dbz = {
            url,
            state: 'down',
            error: safeErrorText(err),
            checkedAt: at,
            lastOkAt: dbz?.lastOkAt ?? null,
            status: null,
            checks: [],
          };
        }
      }),
    );
  }

  return {
    view(seen, canOperate) {
      const linked = linkConnectors(connectors, serverViews(seen));
      return { connect, connectors: linked.connectors, debeziumServer: dbz, unlinked: linked.unlinked, canOperate };
    },
    connectors: () => connectors,
    connectStatus: () => connect,
    debeziumServer: () => dbz,
    refresh: () => connectLoop?.run() ?? Promise.resolve(),
    close: () => loops.forEach((l) => l.stop()),
  };
}
