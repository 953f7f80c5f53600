import type { IncomingMessage } from 'node:http';
import type { Config, SourceConfig } from '../../lib/config/schema';
import { decodeOptionsFor } from '../../lib/config/decode-options';
import { createMasker } from '../../lib/masking/masker';
import { parseSeekMessageQuery, parseSeekQuery } from '../../lib/seek/parse-seek-query';
import { toEventDetail, type EventMasker } from '../../lib/store/event-store-view';
import type { Reply, Route, StreamReply } from '../http/route';
import { createSeekReader, positionOf, refuseRead, type LiveReads } from '../brokers/registry';
import { brokerReadStream } from './broker-read-stream';
import { readEvent } from './read-event';
import { runSeek } from './run-seek';
import { createSeekGate, type SeekGate } from './seek-gate';
import type { SeekTracker } from './seek-tracker';
import { safeErrorText } from '../../lib/redact';
import type { WireDecoders } from '../schema-registry/wire-decoders';

export interface SeekRouteDeps {
  config: Pick<Config, 'sources' | 'seek' | 'limits' | 'masking'>;
  /** The pipeline's masker; one is built from `config.masking` when absent (same rules either way). */
  masker?: EventMasker;
  /** Lets shutdown cancel running seeks and wait for their clean-up. */
  tracker?: SeekTracker;
  /** Schema Registry clients shared with the pipeline (Avro sources); without them wire-format values are undecodable. */
  decoders?: WireDecoders;
  /** The cap on broker reads at once (`seek.concurrent`), shared with row history; one of its own when absent. */
  gate?: SeekGate;
  /** How one message is read back (tests stand in a broker that does not answer). */
  readEvent?: typeof readEvent;
  /** What the running sources read beyond their configured channels (schema-change topics), readable too. */
  liveReads?: LiveReads;
}

/** `GET /api/seek/message` answers within this, whatever the broker does (its read has its own 15 s limit once connected). */
export const MESSAGE_READ_DEADLINE_MS = 20_000;

class DeadlineError extends Error {}

/** The promise's value, or a DeadlineError after `ms` or once the client has gone (its socket closed). */
function withDeadline<T>(p: Promise<T>, ms: number, req: IncomingMessage): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onGone: () => void = () => undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`the broker did not answer within ${ms / 1000} s`)), ms);
    onGone = () => reject(new DeadlineError('the client went away'));
    req.socket.once('close', onGone);
  });
  return Promise.race([p, stop]).finally(() => {
    clearTimeout(timer);
    req.socket.off('close', onGone);
  });
}

const error = (status: number, message: string): Reply => ({ status, body: { error: message } });

/** The source a request names, when its broker may be read back at `channel`; else the reply refusing it. */
function brokerSource(
  config: SeekRouteDeps['config'],
  sourceId: string,
  channel: string,
  live: LiveReads | undefined,
): SourceConfig | Reply {
  const source: SourceConfig | undefined = config.sources.find((s) => s.id === sourceId);
  if (!source) return error(404, `source ${sourceId} not found`);
  const refused = refuseRead(source, channel, live);
  if (refused !== undefined) return error(400, refused);
  return source;
}

/**
 * `GET /api/seek` (NDJSON stream: progress, events, done) and
 * `GET /api/seek/message` (one message's masked detail). Both need the
 * viewer role, like the live inspector they extend.
 */
export function createSeekRoutes(deps: SeekRouteDeps): Route[] {
  const { config, decoders } = deps;
  const masker = deps.masker ?? createMasker(config.masking);
  const gate = deps.gate ?? createSeekGate(config.seek.concurrent);
  /** One message read is short, so a few more may run than seeks; each still holds a broker connection (#17.5). */
  const messageGate = createSeekGate(config.seek.concurrent * 2);
  const read = deps.readEvent ?? readEvent;

  const seek: Route = {
    pattern: /^\/api\/seek$/,
    handle: (_params, search): Reply | StreamReply => {
      const parsed = parseSeekQuery(search, config.seek);
      if (!parsed.ok) return error(400, parsed.error);
      const request = parsed.value;
      const source = brokerSource(config, request.sourceId, request.channel, deps.liveReads);
      if ('status' in source) return source;
      const release = gate.tryAcquire();
      if (!release)
        return error(
          429,
          `${config.seek.concurrent} seeks are running already (seek.concurrent); try again when one ends`,
        );
      const inner = createSeekReader(source, request.channel, request.start);
      return brokerReadStream({
        release,
        tracker: deps.tracker,
        failure: 'seek failed',
        run: ({ write, signal, hold }) =>
          runSeek({
            request,
            reader: { read: (onMessage, readSignal) => hold(inner.read(onMessage, readSignal)) },
            masker,
            decode: decoders?.options(source.id) ?? decodeOptionsFor(config.limits, source),
            decodeAwaiting: decoders && ((raw) => decoders.decodeAwaiting(raw)),
            write,
            signal,
          }),
      });
    },
  };

  const message: Route = {
    pattern: /^\/api\/seek\/message$/,
    handle: async (_params, search, { req }): Promise<Reply> => {
      const parsed = parseSeekMessageQuery(search);
      if (!parsed.ok) return error(400, parsed.error);
      const q = parsed.value;
      const source = brokerSource(config, q.sourceId, q.channel, deps.liveReads);
      if ('status' in source) return source;
      const ref = positionOf(source, q);
      if ('error' in ref) return error(400, ref.error);
      const release = messageGate.tryAcquire();
      if (!release) return error(429, `${messageGate.max} message reads are running already; try again shortly`);
      const reading = read(config.limits, source, ref, decoders);
      // The slot is held until the read has really ended, even when the answer went out before it (#17.5).
      void reading.catch(() => undefined).finally(release);
      let event;
      try {
        event = await withDeadline(reading, MESSAGE_READ_DEADLINE_MS, req);
      } catch (err) {
        if (err instanceof DeadlineError) return error(504, err.message);
        return error(502, `broker read failed: ${safeErrorText(err)}`);
      }
      if (!event) return error(404, 'message not found (removed by retention or compaction, or never written)');
      return { status: 200, body: toEventDetail(event, masker) };
    },
  };

  return [message, seek];
}
