import { createHash } from 'node:crypto';
import type { SinkConfig } from '../../lib/config/sinks-schema';
import type { AuditActor, AuditEntry, AuditLog, AuditResult, AuditStarted, SinkRef } from '../../lib/contracts/audit';
import { channelOf, positionOf } from '../../lib/contracts/raw-message';
import type {
  OutgoingMessage,
  ReplayOutcome,
  ReplayPreview,
  ReplayRequest,
  SinkList,
} from '../../lib/contracts/replay';
import { buildOutgoing, jsonProblem } from '../../lib/replay/provenance';
import { sinkRef } from '../../lib/replay/sink-ref';
import { NO_MASKING, toEventDetail, type EventMasker, type StoredEvent } from '../../lib/store/event-store-view';
import type { Principal } from '../auth/auth-service';
import type { SinkSender } from '../brokers/sink-sender';
import { errorMessage } from '../../lib/error-message';
import { redactText, safeErrorText } from '../../lib/redact';
import type { Result } from '../../lib/result';
import type { SchemaCache } from '../../lib/avro/schema-cache';
import { reencode } from './wire-encode';
import { setNewest, trimToSize } from '../../lib/bounded-map';

/** Why a replay or preview was not done: the HTTP status to answer with, and a readable reason. */
export interface Refusal {
  status: number;
  message: string;
}
/** A value, or the refusal the routes answer with. */
type Answer<T> = Result<T, Refusal>;

export interface ReplayDeps {
  sinks: SinkConfig[];
  senders: Map<string, SinkSender>;
  audit: AuditLog;
  /** The event with its raw text: from the inspector's buffer, or read again from its broker (server/event-lookup/event-lookup.ts). */
  lookup(eventId: string): StoredEvent | undefined | Promise<StoredEvent | undefined>;
  masker: EventMasker;
  authEnabled: boolean;
  now?: () => number;
  /** A source's Schema Registry cache, to re-encode a wire-format (Avro) event with its original schema ids. */
  schemas?: (sourceId: string) => SchemaCache | undefined;
}

/** Previews remembered so the send carries the very headers shown (its `replayed-at`); oldest dropped past the cap. */
const MAX_REMEMBERED_PREVIEWS = 1_000;

const refuse = (status: number, message: string): { ok: false; error: Refusal } => ({
  ok: false,
  error: { status, message },
});
const sha256Bytes = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const sha256 = (text: string | null) =>
  createHash('sha256')
    .update(text ?? '')
    .digest('hex');

/**
 * A sender's result as it is stored and answered (issue #17.1): the sink's
 * kind and safe target (no user info, no query) and the sender's words with
 * anything credential-like removed, so no viewer of the audit log ever reads a
 * secret a sink or broker echoed back.
 */
export function safeResult(sink: SinkRef, result: AuditResult): AuditResult {
  if (result.ok) return { ok: true, detail: redactText(result.detail) };
  return { ok: false, error: redactText(`${sink.kind} sink ${sink.target}: ${result.error}`) };
}

/**
 * Replay: checks who may send what where, builds the exact message (masked
 * unless the unmasked original is asked for and allowed), records it in the
 * audit log BEFORE sending, sends it, records the result. A replay id is sent
 * at most once: concurrent requests with the same id share one send, and
 * later ones find it in the audit log (which survives restarts).
 */
export function createReplayService(deps: ReplayDeps) {
  const now = deps.now ?? Date.now;
  const sinks = new Map(deps.sinks.map((s) => [s.id, s]));
  const inflight = new Map<string, { fingerprint: string; done: Promise<Answer<ReplayOutcome>> }>();
  const previewTimes = new Map<string, number>();

  /** With auth off the caller is anonymous and only the demo's own sinks are open; with auth on, operators only. */
  function mayUse(caller: Principal, sink: SinkConfig): string | null {
    if (!deps.authEnabled)
      return sink.kind === 'demo' ? null : 'with authentication off, replay only goes to the demo sinks';
    return caller.role === 'operator' ? null : 'replay requires the operator role';
  }

  function sinkList(caller: Principal): SinkList {
    const usable = deps.sinks.filter((s) => mayUse(caller, s) === null);
    const shown = deps.authEnabled ? deps.sinks : usable;
    const reason =
      deps.authEnabled && caller.role !== 'operator'
        ? 'replay requires the operator role'
        : usable.length === 0
          ? 'no sink is configured'
          : undefined;
    return {
      sinks: shown.map(sinkRef),
      canReplay: usable.length > 0,
      canUnmask: deps.authEnabled && caller.unmaskedReplay && deps.masker.active,
      ...(reason ? { reason } : {}),
    };
  }

  async function find(eventId: string): Promise<Answer<StoredEvent>> {
    try {
      const stored = await deps.lookup(eventId);
      return stored
        ? { ok: true, value: stored }
        : refuse(404, `event ${eventId} is neither in the inspector buffer nor on its broker any more`);
    } catch (err) {
      return refuse(502, `could not read event ${eventId} from its broker: ${safeErrorText(err)}`);
    }
  }

  async function build(
    caller: Principal,
    req: ReplayRequest,
    at: number,
  ): Promise<Answer<{ preview: ReplayPreview; started: AuditStarted }>> {
    const sink = sinks.get(req.sinkId);
    if (!sink) return refuse(404, `no sink "${req.sinkId}"`);
    const denied = mayUse(caller, sink);
    if (denied) return refuse(403, denied);
    if (req.unmasked && !caller.unmaskedReplay)
      return refuse(403, 'sending the unmasked original needs the unmaskedReplay permission');
    const found = await find(req.eventId);
    if (!found.ok) return found;
    const stored = found.value;
    const unmasked = req.unmasked && deps.masker.active;
    const raw = toEventDetail(stored, unmasked ? NO_MASKING : deps.masker).raw;
    if (req.payload !== undefined) {
      const problem = jsonProblem(req.payload);
      if (problem) return refuse(400, problem);
    } else if (raw.truncated) {
      return refuse(
        422,
        `the original value (${raw.sizeBytes} bytes) was kept cut; only an edited payload can be sent`,
      );
    } else if (raw.masking === 'withheld') {
      return refuse(
        422,
        'masking is on and this value could not be read to mask it; it can only be sent unmasked, with that permission',
      );
    }
    const origin = stored.record.origin;
    const message: OutgoingMessage = buildOutgoing(
      raw,
      {
        replayId: req.replayId,
        user: caller.user,
        at,
        sourceId: stored.record.sourceId,
        channel: channelOf(origin),
        position: positionOf(origin),
        eventId: stored.id,
      },
      { keyInHeader: sink.kind !== 'kafka', ...(req.payload !== undefined ? { editedValue: req.payload } : {}) },
    );
    const wire = stored.record.kind === 'change' || stored.record.kind === 'outbox' ? stored.record.wire : undefined;
    const encodings: ('json' | 'original')[] =
      wire !== undefined && sink.kind === 'kafka' && deps.schemas?.(stored.record.sourceId) !== undefined
        ? ['json', 'original']
        : ['json'];
    let sent = message;
    if (req.encoding === 'original') {
      if (wire === undefined)
        return refuse(400, 'this event did not come in the Schema Registry wire format: send JSON');
      if (sink.kind !== 'kafka') return refuse(400, `a ${sink.kind} sink takes JSON: re-encoding is for Kafka sinks`);
      const encoded = reencode(message, wire, deps.schemas?.(stored.record.sourceId));
      if (!encoded.ok) return refuse(422, encoded.error);
      sent = encoded.value;
    }
    const ref: SinkRef = sinkRef(sink);
    // The hash and size are those of the bytes the sink receives: the re-encoded ones when re-encoding.
    const sentBytes = sent.encoded === undefined ? null : Buffer.from(sent.encoded.value, 'base64');
    const payloadSha256 = sentBytes === null ? sha256(message.value) : sha256Bytes(sentBytes);
    const payloadBytes =
      sentBytes !== null ? sentBytes.length : message.value === null ? 0 : Buffer.byteLength(message.value);
    const edited = req.payload !== undefined;
    const actor: AuditActor = { user: caller.user, role: caller.role, via: caller.via };
    return {
      ok: true,
      value: {
        preview: {
          replayId: req.replayId,
          sink: ref,
          message: sent,
          payloadSha256,
          payloadBytes,
          masked: deps.masker.active && !unmasked,
          edited,
          encodings,
        },
        started: {
          phase: 'started',
          replayId: req.replayId,
          at,
          actor,
          event: {
            id: stored.id,
            sourceId: stored.record.sourceId,
            channel: channelOf(origin),
            position: positionOf(origin),
            tableKey: stored.tableKey,
          },
          sink: ref,
          payloadSha256,
          payloadBytes,
          edited,
          unmasked,
        },
      },
    };
  }

  async function preview(caller: Principal, req: ReplayRequest): Promise<Answer<ReplayPreview>> {
    const at = previewTimes.get(req.replayId) ?? now();
    const built = await build(caller, req, at);
    if (!built.ok) return built;
    setNewest(previewTimes, req.replayId, at);
    trimToSize(previewTimes, MAX_REMEMBERED_PREVIEWS);
    return { ok: true, value: built.value.preview };
  }

  async function join(
    running: { fingerprint: string; done: Promise<Answer<ReplayOutcome>> },
    built: Answer<{ started: AuditStarted }>,
  ): Promise<Answer<ReplayOutcome>> {
    const outcome = await running.done;
    if (built.ok && running.fingerprint !== fingerprintOf(built.value.started))
      return refuse(
        409,
        `replay id ${built.value.started.replayId} was already used for a different event, sink or payload`,
      );
    if (!built.ok && built.error.status !== 404 && built.error.status !== 502) return built;
    return outcome.ok ? { ok: true, value: { ...outcome.value, repeated: true } } : outcome;
  }

  /** A replay already in the log, answered as it went; nothing is sent. */
  const repeatOf = (entry: AuditEntry): ReplayOutcome => ({
    replayId: entry.replayId,
    sink: entry.sink,
    status: entry.status,
    result: entry.result,
    payloadSha256: entry.payloadSha256,
    repeated: true,
  });

  const fingerprintOf = (s: Pick<AuditStarted, 'event' | 'sink' | 'payloadSha256'>) =>
    `${s.event.id}\n${s.sink.id}\n${s.payloadSha256}`;

  function asRepeat(entry: AuditEntry, fingerprint: string): Answer<ReplayOutcome> {
    if (fingerprintOf(entry) !== fingerprint)
      return refuse(409, `replay id ${entry.replayId} was already used for a different event, sink or payload`);
    return { ok: true, value: repeatOf(entry) };
  }

  async function sendOnce(
    req: ReplayRequest,
    started: AuditStarted,
    message: OutgoingMessage,
    fingerprint: string,
  ): Promise<Answer<ReplayOutcome>> {
    const before = await deps.audit.find(req.replayId);
    if (before) return asRepeat(before, fingerprint);
    try {
      await deps.audit.append(started);
    } catch (err) {
      // A concurrent writer (another process on the same PostgreSQL table) may have won the id.
      const raced = await deps.audit.find(req.replayId).catch(() => undefined);
      if (raced) return asRepeat(raced, fingerprint);
      return refuse(503, `audit log unavailable, nothing was sent: ${safeErrorText(err)}`);
    }
    const sender = deps.senders.get(req.sinkId);
    const result = safeResult(
      started.sink,
      sender
        ? await sender.send(message).catch((err: unknown) => ({ ok: false as const, error: safeErrorText(err) }))
        : { ok: false as const, error: 'no sender' },
    );
    await deps.audit.append({ phase: 'finished', replayId: req.replayId, at: now(), result }).catch((err: unknown) => {
      console.error(`cdcscope: audit log: could not record the result of replay ${req.replayId}: ${errorMessage(err)}`);
    });
    return {
      ok: true,
      value: {
        replayId: req.replayId,
        sink: started.sink,
        status: result.ok ? 'sent' : 'failed',
        result,
        payloadSha256: started.payloadSha256,
        repeated: false,
      },
    };
  }

  async function replay(caller: Principal, req: ReplayRequest): Promise<Answer<ReplayOutcome>> {
    const built = await build(caller, req, previewTimes.get(req.replayId) ?? now());
    // A request with this id already sending (it may have started while this one was building): join it.
    const running = inflight.get(req.replayId);
    if (running) return join(running, built);
    if (!built.ok) {
      // An evicted event can still be asked about: a retry of a replay already done answers from the audit log.
      const known =
        built.error.status === 404 || built.error.status === 502
          ? await deps.audit.find(req.replayId).catch(() => undefined)
          : undefined;
      // Not for an unmasked send asked about by someone who may not unmask: its hash is an oracle (issue #17.2).
      const visible = known && (!known.unmasked || caller.unmaskedReplay);
      if (visible && known.event.id === req.eventId && known.sink.id === req.sinkId)
        return { ok: true, value: repeatOf(known) };
      return built;
    }
    const { started, preview } = built.value;
    const fingerprint = fingerprintOf(started);
    // Registered with no await since the check above, so a request arriving meanwhile joins this one.
    const done = sendOnce(req, started, preview.message, fingerprint).finally(() => {
      inflight.delete(req.replayId);
      previewTimes.delete(req.replayId);
    });
    inflight.set(req.replayId, { fingerprint, done });
    return done;
  }

  return {
    sinkList,
    preview,
    replay,
    async close() {
      await Promise.allSettled([...inflight.values()].map((f) => f.done));
      await Promise.allSettled([...deps.senders.values()].map((s) => s.close()));
    },
  };
}

export type ReplayService = ReturnType<typeof createReplayService>;
