import type { RawMessageView } from '../contracts/inspector';
import type { OutgoingMessage } from '../contracts/replay';
import { errorMessage } from '../error-message';

/**
 * Headers every replayed message carries, on every sink kind, so a consumer
 * (or a person reading the topic) can tell a replay from an original and
 * trace it back to the audit log.
 */
export const PROVENANCE = {
  replayId: 'cdcscope-replay-id',
  replayedBy: 'cdcscope-replayed-by',
  replayedAt: 'cdcscope-replayed-at',
  /** `<sourceId>/<topic or subject>`. */
  source: 'cdcscope-original-source',
  /** `p<partition>@<offset>` or `#<stream sequence>`. */
  position: 'cdcscope-original-position',
  eventId: 'cdcscope-original-event',
  /** Sinks without a message key (NATS, HTTP) get the original key here. */
  key: 'cdcscope-original-key',
} as const;

export interface Provenance {
  replayId: string;
  /** Null with auth off: the demo's anonymous user. */
  user: string | null;
  at: number;
  sourceId: string;
  channel: string;
  position: string;
  eventId: string;
}

/**
 * Builds the message to send from an event's raw view (masked or not, as the
 * caller chose) and an optional edited value. Original headers travel along,
 * except any that pretend to be provenance: a replay of a replay gets fresh
 * provenance, not a forged one.
 */
export function buildOutgoing(
  raw: RawMessageView,
  p: Provenance,
  options: { editedValue?: string; keyInHeader: boolean },
): OutgoingMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw.headers))
    if (!name.toLowerCase().startsWith('cdcscope-')) headers[name] = value;
  headers[PROVENANCE.replayId] = p.replayId;
  headers[PROVENANCE.replayedBy] = p.user ?? 'anonymous';
  headers[PROVENANCE.replayedAt] = new Date(p.at).toISOString();
  headers[PROVENANCE.source] = `${p.sourceId}/${p.channel}`;
  headers[PROVENANCE.position] = p.position;
  headers[PROVENANCE.eventId] = p.eventId;
  if (options.keyInHeader && raw.key !== null) headers[PROVENANCE.key] = raw.key;
  return { key: options.keyInHeader ? null : raw.key, value: options.editedValue ?? raw.value, headers };
}

/** Null when the text is one JSON document, else the parser's complaint. */
export function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (err) {
    return `payload is not valid JSON: ${errorMessage(err)}`;
  }
}
