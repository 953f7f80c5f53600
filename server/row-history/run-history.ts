import type { Config, SourceConfig } from '../../lib/config/schema';
import { decodeOptionsFor } from '../../lib/config/decode-options';
import type { Row } from '../../lib/contracts/change-event';
import type { HistoryLine, HistoryScope } from '../../lib/contracts/row-history';
import type { SeekRequest } from '../../lib/contracts/seek';
import { createRowMatcher, toHistoryEntry } from '../../lib/row-history/history-entry';
import { choosePartition } from '../../lib/row-history/partition-choice';
import { doneLine } from '../../lib/seek/seek-lines';
import type { EventMasker, StoredEvent } from '../../lib/store/event-store-view';
import { createSeekReader, refuseRead } from '../brokers/registry';
import type { ReadScope } from '../brokers/seek-reader';
import type { WireDecoders } from '../schema-registry/wire-decoders';
import { runSeek } from '../seek/run-seek';
import type { BufferedChannel, BufferedRow } from './buffered-row';

/** What a history read needs besides the request. */
export interface HistoryRun {
  config: Pick<Config, 'sources' | 'limits'>;
  masker: EventMasker;
  decoders?: WireDecoders;
  tableKey: string;
  key: Row;
  buffered: BufferedRow;
  /** start, limit, scan and maxMs as a seek has them (`filter` unused). */
  request: Omit<SeekRequest, 'sourceId' | 'channel'>;
  broker: 'auto' | 'all' | 'none';
  sourceId?: string;
  write: (line: HistoryLine) => Promise<void>;
  signal: AbortSignal;
  /** Given the broker read once it starts: the caller holds its seek slot until that has really ended. */
  reading?: (read: Promise<unknown>) => void;
}

/** A broker the table can be read back from: the first channel the buffer saw it on, else the table key as a topic or subject. */
export function brokerTarget(
  sources: readonly SourceConfig[],
  tableKey: string,
  channels: readonly BufferedChannel[],
  sourceId?: string,
): { source: SourceConfig; channel: BufferedChannel } | { refusal: string } {
  const wanted = (s: SourceConfig) => sourceId === undefined || s.id === sourceId;
  let refusal: string | undefined;
  for (const ch of channels) {
    const source = sources.find((s) => s.id === ch.sourceId);
    if (source === undefined || !wanted(source)) continue;
    const refused = refuseRead(source, ch.channel);
    if (refused === undefined) return { source, channel: ch };
    refusal ??= refused;
  }
  // Nothing buffered: Debezium names topics (and Debezium Server subjects) after the table.
  for (const source of sources.filter(wanted)) {
    if (refuseRead(source, tableKey) === undefined)
      return { source, channel: { sourceId: source.id, channel: tableKey, rowEvents: [] } };
  }
  return {
    refusal:
      refusal ??
      `no configured source reads ${tableKey} from a broker${sourceId === undefined ? '' : ` (source ${sourceId})`}`,
  };
}

/**
 * The broker part of a row history, after the buffer's entries were written:
 * a seek (the same reader, limits, deadline and cancel) on the table's
 * channel, narrowed on Kafka to the partition the key hashes to
 * (lib/row-history/partition-choice.ts), keeping only the row's changes not
 * already written. Writes its scope line first, then entries, progress and done.
 */
export async function runBrokerHistory(run: HistoryRun): Promise<void> {
  const { buffered, write, request } = run;
  const written = new Set(buffered.entries.map((e) => e.id));
  const counters = { scanned: 0, matched: written.size, position: null, positionTime: null };
  const remaining = request.limit - written.size;
  const scopeLine = (scope: HistoryScope): HistoryLine => ({ type: 'scope', scope });
  const finish = async (note: string) => {
    await write(scopeLine({ phase: 'broker', sourceId: null, channel: null, partitions: null, note }));
    await write(doneLine(remaining <= 0 ? 'limit' : 'end', counters, 0));
  };
  if (run.broker === 'none') return finish('not read, as asked (broker=none)');
  if (remaining <= 0) return finish(`not read: the buffer gave the ${request.limit} entries asked for`);
  const target = brokerTarget(run.config.sources, run.tableKey, buffered.channels, run.sourceId);
  if ('refusal' in target) return finish(`not read: ${target.refusal}`);
  const { source, channel } = target;

  // Kafka tells its partition count only once the read has planned: the scope line waits for it.
  let pending: HistoryScope | undefined = {
    phase: 'broker',
    sourceId: source.id,
    channel: channel.channel,
    partitions: null,
    note: source.kind === 'jetstream' ? 'the subject, filtered by the key on the way' : 'the channel',
  };
  const scope: ReadScope = {
    partitionOf: (partitions) => {
      const chosen =
        run.broker === 'all'
          ? { partition: 'all' as const, note: 'every partition, as asked (broker=all)' }
          : choosePartition({ partitions, key: run.key, rowEvents: channel.rowEvents, tableSample: channel.sample });
      pending = { ...(pending as HistoryScope), partitions: chosen.partition, note: chosen.note };
      return chosen.partition === 'all' ? undefined : chosen.partition;
    },
  };
  const flushScope = async () => {
    if (pending === undefined) return;
    const s = pending;
    pending = undefined;
    await write(scopeLine(s));
  };
  if (source.kind !== 'kafka') await flushScope();

  const matches = createRowMatcher(run.key, run.masker);
  const select = (e: StoredEvent): HistoryLine | undefined => {
    if (e.tableKey !== run.tableKey || written.has(e.id) || !matches(e)) return undefined;
    const entry = toHistoryEntry(e, run.masker, 'broker');
    if (entry === undefined) return undefined;
    written.add(e.id);
    return { type: 'entry', entry };
  };
  const inner = createSeekReader(source, channel.channel, request.start, scope);
  await runSeek<HistoryLine>({
    request: { ...request, sourceId: source.id, channel: channel.channel, limit: remaining },
    reader: {
      read: (onMessage, signal) => {
        const read = inner.read(onMessage, signal);
        run.reading?.(read);
        return read;
      },
    },
    masker: run.masker,
    decode: run.decoders?.options(source.id) ?? decodeOptionsFor(run.config.limits, source),
    ...(run.decoders ? { decodeAwaiting: (raw) => (run.decoders as WireDecoders).decodeAwaiting(raw) } : {}),
    write: async (line) => {
      await flushScope();
      await write(line);
    },
    signal: run.signal,
    select,
  });
}
