import '../server-only';
import { Worker } from 'node:worker_threads';
import type { Config } from '../../lib/config/schema';
import type { DecodedRecord } from '../../lib/contracts/change-event';
import type { RawMessage } from '../../lib/contracts/raw-message';
import { packBatch } from '../../lib/ingest/packed-batch';
import { restoreRecord } from '../../lib/ingest/slim-record';
import { errorMessage } from '../../lib/error-message';
import type { DecodeReply, DecodeRequest, DecodeWorkerData } from './decode-worker';

/**
 * Decode worker threads (issue #11, target 3; `ingest.workers` in the
 * configuration): each batch is packed into one transferred ArrayBuffer
 * (lib/ingest/packed-batch.ts) and decoded by the worker with the fewest
 * batches pending; the records come back slimmed and are completed from the
 * main thread's own messages (lib/ingest/slim-record.ts). The main thread
 * keeps the broker clients and all the state; the caller accounts the
 * records in its own order, so the figures are the ones decoding on the main
 * thread gives (server/pipeline/ingest-workers.test.ts).
 *
 * A worker that fails is not restarted: its pending batches are rejected and
 * the caller decodes those itself, as it does once no worker is left.
 */
export interface DecodePool {
  /**
   * The batch's records in its order, null where the caller must decode the message itself (wire format,
   * undecodable); rejects when the worker died meanwhile, or none is left.
   */
  decode(batch: readonly RawMessage[]): Promise<(DecodedRecord | null)[]>;
  /** Workers still running. */
  readonly size: number;
  /** Batches decoded by workers so far. */
  readonly decodedBatches: number;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  pending: Map<
    number,
    { batch: readonly RawMessage[]; resolve: (r: (DecodedRecord | null)[]) => void; reject: (e: Error) => void }
  >;
  alive: boolean;
}

const BOOT = new URL('./decode-worker-boot.mjs', import.meta.url);

export function createDecodePool({ workers, config }: { workers: number; config: Config }): DecodePool {
  const data: DecodeWorkerData = {
    limits: { maxValueBytes: config.limits.maxValueBytes },
    sources: config.sources,
    pairSides: config.replicas.flatMap((r) => [r.a, r.b]),
  };
  let nextId = 0;
  let decodedBatches = 0;
  const slots: Slot[] = [];

  function fail(slot: Slot, err: Error, closing = false): void {
    if (!slot.alive) return;
    slot.alive = false;
    if (!closing)
      console.error(
        `cdcscope: a decode worker stopped (${errorMessage(err)}); its batches are decoded on the main thread`,
      );
    for (const p of slot.pending.values()) p.reject(err);
    slot.pending.clear();
  }

  for (let i = 0; i < workers; i++) {
    const worker = new Worker(BOOT, { workerData: data });
    const slot: Slot = { worker, pending: new Map(), alive: true };
    worker.on('message', ({ id, records }: DecodeReply) => {
      const p = slot.pending.get(id);
      if (p === undefined) return;
      slot.pending.delete(id);
      decodedBatches++;
      for (let k = 0; k < records.length; k++) {
        const rec = records[k];
        if (rec) restoreRecord(rec, p.batch[k] as RawMessage);
      }
      p.resolve(records);
    });
    worker.on('error', (err) => fail(slot, err));
    worker.on('exit', (code) => fail(slot, new Error(`exited with code ${code}`)));
    // The workers never keep the process alive on their own.
    worker.unref();
    slots.push(slot);
  }

  return {
    decode(batch) {
      let best: Slot | undefined;
      for (const s of slots) if (s.alive && (best === undefined || s.pending.size < best.pending.size)) best = s;
      if (best === undefined) return Promise.reject(new Error('no decode worker is running'));
      const slot = best;
      const id = nextId++;
      const packed = packBatch(batch);
      return new Promise((resolve, reject) => {
        slot.pending.set(id, { batch, resolve, reject });
        slot.worker.postMessage({ id, packed } satisfies DecodeRequest, [packed.bytes]);
      });
    },
    get size() {
      return slots.filter((s) => s.alive).length;
    },
    get decodedBatches() {
      return decodedBatches;
    },
    async close() {
      const all = slots.splice(0);
      for (const s of all) fail(s, new Error('closed'), true);
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}
