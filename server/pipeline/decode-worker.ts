// A decode worker (issue #11, target 3; `ingest.workers`): decodes the raw batches the pipeline hands it and sends
// the records back slimmed (lib/ingest/slim-record.ts). Started by decode-pool.ts through decode-worker-boot.mjs.
import { parentPort, workerData } from 'node:worker_threads';
import type { DecodedRecord } from '../../lib/contracts/change-event';
import type { ReplicaSideSelector } from '../../lib/contracts/replicas';
import type { Config } from '../../lib/config/schema';
import { decodeOptionsFor } from '../../lib/config/decode-options';
import { wireSchemaId } from '../../lib/avro/wire-format';
import { decodeMessage } from '../../lib/debezium/decode-message';
import type { DecodeOptions } from '../../lib/debezium/decode-options';
import { unpackBatch, type PackedBatch } from '../../lib/ingest/packed-batch';
import { slimRecord } from '../../lib/ingest/slim-record';

/** What the pool hands a worker when it starts it. */
export interface DecodeWorkerData {
  limits: Pick<Config['limits'], 'maxValueBytes'>;
  sources: Config['sources'];
  /** Both sides of every configured replica pair: their changes keep `before`. */
  pairSides: ReplicaSideSelector[];
}

export interface DecodeRequest {
  id: number;
  packed: PackedBatch;
}

export interface DecodeReply {
  id: number;
  /** Null where the main thread decodes the message itself (see below). */
  records: (DecodedRecord | null)[];
}

const data = workerData as DecodeWorkerData;
// No schema caches here: they live on the main thread with the registry clients. A message whose key or value is
// in the wire format is left to the main thread (null), and so is every undecodable record (a CloudEvent's Avro
// data, say): those are few, and decoded again there they are exactly what the main thread alone would make.
const options = new Map<string, DecodeOptions>(data.sources.map((s) => [s.id, decodeOptionsFor(data.limits, s)]));

parentPort?.on('message', ({ id, packed }: DecodeRequest) => {
  const raws = unpackBatch(packed);
  const records = raws.map((raw) => {
    if (wireSchemaId(raw.key) !== undefined || wireSchemaId(raw.value) !== undefined) return null;
    const rec = decodeMessage(raw, options.get(raw.sourceId));
    return rec.kind === 'undecodable' ? null : slimRecord(rec, raw, data.pairSides);
  });
  parentPort?.postMessage({ id, records } satisfies DecodeReply);
});
