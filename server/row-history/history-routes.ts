import { historyQuerySchema } from '../../lib/contracts/row-history';
import { parseSeekStart, SEEK_START_HELP } from '../../lib/contracts/seek';
import { parseSearchParams } from '../../lib/contracts/query-params';
import type { Config } from '../../lib/config/schema';
import { parseRowKey } from '../../lib/row-history/row-key';
import { progressLine } from '../../lib/seek/seek-lines';
import type { EventMasker, StoredEvent } from '../../lib/store/event-store-view';
import type { Reply, Route, StreamReply } from '../http/route';
import type { DashboardState } from '../pipeline/dashboard-state';
import type { WireDecoders } from '../schema-registry/wire-decoders';
import { brokerReadStream } from '../seek/broker-read-stream';
import type { SeekGate } from '../seek/seek-gate';
import type { SeekTracker } from '../seek/seek-tracker';
import { readBufferedRow } from './buffered-row';
import { runBrokerHistory } from './run-history';

export interface HistoryRouteDeps {
  config: Pick<Config, 'sources' | 'seek' | 'limits'>;
  state: Pick<DashboardState, 'events'>;
  lookup: (id: string) => StoredEvent | undefined;
  masker: EventMasker;
  /** The seek's gate: a history's broker read is a seek and counts against `seek.concurrent`. */
  gate: SeekGate;
  tracker?: SeekTracker;
  decoders?: WireDecoders;
}

const error = (status: number, message: string): Reply => ({ status, body: { error: message } });

/**
 * `GET /api/tables/:table/rows/:key/history` (NDJSON): the row's changes in
 * the inspector buffer (a `scope` line, then its entries, newest first), then
 * from the broker (a `scope` line saying where, entries oldest first as read,
 * progress lines and `done`). `:key` is the JSON of the key columns,
 * URL-encoded (`id=42` is accepted too). Viewer role, like the inspector.
 */
export function createHistoryRoutes(deps: HistoryRouteDeps): Route[] {
  const { config, masker, gate } = deps;
  const route: Route = {
    pattern: /^\/api\/tables\/([^/]+)\/rows\/([^/]+)\/history$/,
    handle: ([tableKey = '', keyText = ''], search): Reply | StreamReply => {
      const key = parseRowKey(keyText);
      if (!key.ok) return error(400, key.error);
      if (masker.active && Object.values(key.value).some((v) => v === masker.replacement))
        return error(400, 'key: a masked key column cannot be looked up (its value never leaves the server)');
      const q = parseSearchParams(historyQuerySchema, search);
      if (!q.ok) return error(400, q.error);
      const start = parseSeekStart(q.value.start ?? 'beginning');
      if (start === undefined) return error(400, `start: ${SEEK_START_HELP}`);
      const limit = Math.min(q.value.limit ?? config.seek.maxResults, config.seek.maxResults);
      const scan = Math.min(q.value.scan ?? config.seek.maxScan, config.seek.maxScan);
      const broker = q.value.broker ?? 'auto';
      const release = broker === 'none' ? () => undefined : gate.tryAcquire();
      if (!release)
        return error(429, `${gate.max} seeks are running already (seek.concurrent); try again when one ends`);
      return brokerReadStream({
        release,
        tracker: deps.tracker,
        failure: 'history failed',
        run: async ({ write, signal, hold }) => {
          const started = performance.now();
          const buffered = readBufferedRow(deps.state, deps.lookup, masker, tableKey, key.value, limit);
          await write({
            type: 'scope',
            scope: {
              phase: 'buffer',
              sourceId: null,
              channel: null,
              partitions: null,
              note: `${buffered.scanned} kept events of the table examined`,
            },
          });
          for (const entry of buffered.entries) await write({ type: 'entry', entry });
          const counters = { scanned: 0, matched: buffered.entries.length, position: null, positionTime: null };
          await write(progressLine(counters, performance.now() - started));
          await runBrokerHistory({
            config,
            masker,
            ...(deps.decoders ? { decoders: deps.decoders } : {}),
            tableKey,
            key: key.value,
            buffered,
            request: { start, filter: {}, limit, scan, maxMs: config.seek.maxSeconds * 1000 },
            broker,
            ...(q.value.sourceId === undefined ? {} : { sourceId: q.value.sourceId }),
            write,
            signal,
            reading: (r) => void hold(r),
          });
        },
      });
    },
  };
  return [route];
}
