import type { SourceConfig } from '../../lib/config/schema';
import type { SinkConfig } from '../../lib/config/sinks-schema';
import type { RawMessage } from '../../lib/contracts/raw-message';
import type { SeekMessageQuery, SeekStart } from '../../lib/contracts/seek';
import type { BrokerRef } from '../../lib/replay/event-ref';
import type { LagPoller } from '../lag/lag-monitor';
import type { ReadScope, SeekReader } from './seek-reader';
import type { SinkSender } from './sink-sender';
import type { ClusterLink, Source } from './source';

/**
 * What one broker kind does, behind one interface: consume (the live
 * Source), read back (a seek, one message at a position), poll downstream
 * consumer lag, and send replays. Each kind lives in its own folder
 * (`server/brokers/<kind>/`) and is listed once in `registry.ts`, the only
 * place that looks at a configuration's `kind`; the feature folders (seek,
 * lag, replay, events) reach brokers only through the registry.
 */

export type SourceKind = SourceConfig['kind'];
export type SinkKind = SinkConfig['kind'];

/** Each kind's own configuration, so an adapter receives its type without a cast. */
export type SourceConfigs = { [K in SourceKind]: Extract<SourceConfig, { kind: K }> };
export type SinkConfigs = { [K in SinkKind]: Extract<SinkConfig, { kind: K }> };
/** A position on a broker of kind K (`never` for a kind whose messages cannot be read back). */
export type BrokerRefs = { [K in SourceKind]: Extract<BrokerRef, { kind: K }> };

export interface BrokerAdapter<K extends SourceKind> {
  /** How a message to the user names this kind ("Kafka", "the demo pipeline"). */
  readonly label: string;
  /** Consume: the live source the pipeline reads. */
  /** `cluster`: set in cluster mode; a kind that cannot split its work among instances ignores it. */
  createSource(config: SourceConfigs[K], cluster?: ClusterLink): Source;
  /** Reading history again; absent for a kind that keeps none (the demo). */
  readonly reads?: BrokerReads<K>;
  /** The poller of downstream consumers' lag, or undefined when the source's configuration asks for none (`lag:`). */
  createLagPoller?(config: SourceConfigs[K]): LagPoller | undefined;
  /** Replay to this broker (a `sinks:` kind, not always named like the source kind: `nats` for JetStream). */
  readonly sink?: AnySinkAdapter;
}

export interface BrokerReads<K extends SourceKind> {
  /** Why `channel` may not be read through this source (Kafka: a topic outside its `topics`); undefined when it may. Absent: every channel may. */
  refuseChannel?(config: SourceConfigs[K], channel: string): string | undefined;
  /** A seek from `start` to the broker's end as of now, on `channel` (a topic, or a subject filter), within `scope`. */
  createSeekReader(config: SourceConfigs[K], channel: string, start: SeekStart, scope?: ReadScope): SeekReader;
  /** The position a `GET /api/seek/message` query names, or why it names none for this kind. */
  positionOf(query: SeekMessageQuery): BrokerRefs[K] | { error: string };
  /** One message read back at its position; undefined when the broker no longer has it. */
  readAt(config: SourceConfigs[K], ref: BrokerRefs[K]): Promise<RawMessage | undefined>;
}

/** What a sink's sender may need besides its own configuration. */
export interface SinkContext {
  /** The configured sources, whose connections a sink may reuse (`cluster:`). */
  sources: readonly SourceConfig[];
  /** Feeds a message into the live pipeline (the demo sink). */
  inject: (message: RawMessage) => void;
}

export interface SinkAdapter<S extends SinkKind> {
  readonly kind: S;
  /** Connections open on first use, so a broker down at start-up is not fatal. */
  createSender(sink: SinkConfigs[S], context: SinkContext): SinkSender;
}

export type AnySinkAdapter = { [S in SinkKind]: SinkAdapter<S> }[SinkKind];
