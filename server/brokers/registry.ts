import '../server-only';
import type { Config, SourceConfig } from '../../lib/config/schema';
import type { RawMessage } from '../../lib/contracts/raw-message';
import type { SeekMessageQuery, SeekStart } from '../../lib/contracts/seek';
import type { BrokerRef } from '../../lib/replay/event-ref';
import type { LagPoller } from '../lag/lag-monitor';
import type { BrokerAdapter, SinkAdapter, SinkKind, SourceKind } from './broker';
import { demoBroker } from './demo/adapter';
import { httpSink } from './http/sink-sender';
import { jetstreamBroker } from './jetstream/adapter';
import { kafkaBroker } from './kafka/adapter';
import { SeekInputError, type ReadScope, type SeekReader } from './seek-reader';
import type { SinkSender } from './sink-sender';
import type { ClusterLink, Source } from './source';

/**
 * Every broker kind, by the `kind` of its source configuration. The one table
 * to extend for a new kind (see ARCHITECTURE.md, "Adding a broker kind"); the
 * mapped type makes a missing kind, or an adapter under the wrong kind, a
 * type error.
 */
const brokers: { [K in SourceKind]: BrokerAdapter<K> } = {
  kafka: kafkaBroker,
  jetstream: jetstreamBroker,
  demo: demoBroker,
};

/** Every sink kind, by the `kind` of its `sinks:` entry: a broker's sink, or a sink with no broker (HTTP). */
const sinks: { [S in SinkKind]: SinkAdapter<S> } = {
  kafka: kafkaBroker.sink,
  nats: jetstreamBroker.sink,
  demo: demoBroker.sink,
  http: httpSink,
};

/**
 * The adapter of a kind. Called with a configuration's `kind`, K is the union
 * of kinds and the adapter's methods take the union of configurations: the
 * kind and its configuration come from the same object, which is what keeps
 * them matched (TypeScript cannot correlate them by itself).
 */
function brokerOf<K extends SourceKind>(kind: K): BrokerAdapter<K> {
  return brokers[kind];
}

function sinkOf<S extends SinkKind>(kind: S): SinkAdapter<S> {
  return sinks[kind];
}

/** Labels of the kinds that can be read back, for a refusal: "Kafka and JetStream". */
const readable = new Intl.ListFormat('en', { type: 'conjunction' }).format(
  Object.values(brokers)
    .filter((b) => b.reads !== undefined)
    .map((b) => b.label),
);

/** The live source of one configured source. */
export function createSource(config: SourceConfig, cluster?: ClusterLink): Source {
  return brokerOf(config.kind).createSource(config, cluster);
}

/** One poller per source that asks for consumer lag (`lag:` in its configuration). */
export function createLagPollers(sources: readonly SourceConfig[]): LagPoller[] {
  const pollers: LagPoller[] = [];
  for (const s of sources) {
    const poller = brokerOf(s.kind).createLagPoller?.(s);
    if (poller) pollers.push(poller);
  }
  return pollers;
}

/** A sender per configured sink; connections open on first use. */
export function createSinkSenders(
  config: Pick<Config, 'sources' | 'sinks'>,
  inject: (m: RawMessage) => void,
): Map<string, SinkSender> {
  const senders = new Map<string, SinkSender>();
  for (const sink of config.sinks)
    senders.set(sink.id, sinkOf(sink.kind).createSender(sink, { sources: config.sources, inject }));
  return senders;
}

/**
 * Whether the live source `sourceId` reads `channel` now (Source.readsNow): what a source found beyond its
 * configured list, such as a MySQL/MariaDB connector's schema-change topic, may be read back like the rest.
 */
export type LiveReads = (sourceId: string, channel: string) => boolean;

/** LiveReads over the running sources. */
export function liveReadsOf(sources: readonly Pick<Source, 'id' | 'readsNow'>[]): LiveReads {
  return (sourceId, channel) => sources.find((s) => s.id === sourceId)?.readsNow?.(channel) === true;
}

/**
 * Why `channel` of this source cannot be read back from its broker (seek, one message), or undefined when it
 * can: a channel its configuration names, or one the live source reads now (`live`).
 */
export function refuseRead(source: SourceConfig, channel: string, live?: LiveReads): string | undefined {
  const broker = brokerOf(source.kind);
  if (!broker.reads) return `source ${source.id} is ${broker.label}: seek reads ${readable} sources`;
  const refused = broker.reads.refuseChannel?.(source, channel);
  return refused !== undefined && live?.(source.id, channel) === true ? undefined : refused;
}

/** A seek on the source's broker; only for a source and channel `refuseRead` accepts. */
export function createSeekReader(
  source: SourceConfig,
  channel: string,
  start: SeekStart,
  scope?: ReadScope,
): SeekReader {
  const reads = brokerOf(source.kind).reads;
  if (!reads) throw new SeekInputError(refuseRead(source, channel));
  return reads.createSeekReader(source, channel, start, scope);
}

/** The broker position a `GET /api/seek/message` query names for this source's kind, or why it names none. */
export function positionOf(source: SourceConfig, query: SeekMessageQuery): BrokerRef | { error: string } {
  const reads = brokerOf(source.kind).reads;
  return reads
    ? reads.positionOf(query)
    : { error: refuseRead(source, query.channel) ?? `source ${source.id} cannot be read back` };
}

/** One message read back at `ref`; undefined when the broker no longer has it, or `ref` is another kind's position. */
export async function readAt(source: SourceConfig, ref: BrokerRef): Promise<RawMessage | undefined> {
  if (ref.kind !== source.kind) return undefined;
  return brokerOf(source.kind).reads?.readAt(source, ref);
}
