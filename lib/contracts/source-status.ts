/** Connection health of one source, tagged by `type` (as nats.js does for its status stream). */
export type SourceStatus =
  | { type: 'connecting'; attempt: number; since: number }
  | { type: 'live'; since: number }
  | { type: 'error'; message: string; attempt: number; since: number; nextRetryAt?: number }
  | { type: 'stopped'; since: number };

export type SourceKind = 'kafka' | 'jetstream' | 'demo';

/** What the browser may know about a source: never credentials. */
export interface SourceSummary {
  id: string;
  kind: SourceKind;
  /** Display target, e.g. brokers or server URLs with credentials stripped. */
  target: string;
  /** Topics, topic patterns or subject filter. */
  channels: string[];
  status: SourceStatus;
  /** Reconnections since start. */
  reconnects: number;
  messages: number;
  bytes: number;
  undecodable: number;
  lastMessageAt?: number;
}
