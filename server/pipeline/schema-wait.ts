import '../server-only';
import type { DecodedRecord } from '../../lib/contracts/change-event';
import type { RawMessage } from '../../lib/contracts/raw-message';
import type { WireDecoders } from '../schema-registry/wire-decoders';

/**
 * Messages whose schema was being fetched when their batch was decoded: held
 * until the fetch settles, then decoded again and accounted. The stream never
 * waits for the registry (each fetch has a timeout), and what the registry
 * could not give ends up undecodable with the reason.
 *
 * Bounded: at most `maxHeld` messages (default 10,000, about 0.5 s of a busy
 * source); a message past it is accounted at once as undecodable ("schema
 * being fetched"), so a registry that answers slowly costs those messages'
 * decoding, never memory. A message is held at most MAX_ROUNDS times (a
 * value schema, then a key schema).
 */
export interface SchemaWait {
  /**
   * Decodes a batch (fetching the schemas it needs) and hands every record to `account`, now or once its schema
   * came. `decoded`: the batch's records as a decode worker made them (server/pipeline/decode-pool.ts); a
   * message it left out (null) or found undecodable is decoded here, where the schema caches are.
   */
  ingest(batch: readonly RawMessage[], decoded?: readonly (DecodedRecord | null)[]): void;
  /** Messages held now. */
  readonly held: number;
  close(): void;
}

export const DEFAULT_MAX_HELD = 10_000;
const MAX_ROUNDS = 2;

export function createSchemaWait({
  decoders,
  account,
  maxHeld = DEFAULT_MAX_HELD,
}: {
  decoders: WireDecoders;
  account: (rec: DecodedRecord, raw: RawMessage, now: number) => void;
  maxHeld?: number;
}): SchemaWait {
  let held = 0;
  let closed = false;

  function hold(raw: RawMessage, fetching: Promise<void>, round: number): void {
    held++;
    void fetching.then(() => {
      held--;
      if (closed) return;
      settle(raw, decoders.decode(raw), round + 1, undefined);
    });
  }

  function settle(raw: RawMessage, rec: DecodedRecord, round: number, fetching: Promise<void> | undefined): void {
    if (rec.kind === 'undecodable' && rec.needsSchema !== undefined) {
      if (round < MAX_ROUNDS && held < maxHeld) {
        const wait = fetching ?? decoders.prefetch([raw]);
        if (wait !== undefined) {
          hold(raw, wait, round);
          return;
        }
      }
      if (held >= maxHeld) rec.reason = `${rec.reason} (more than ${maxHeld} messages already wait for schemas)`;
    }
    account(rec, raw, Date.now());
  }

  return {
    ingest(batch, decoded) {
      const fetching = decoders.prefetch(batch);
      for (let i = 0; i < batch.length; i++) {
        const raw = batch[i] as RawMessage;
        const rec = decoded?.[i];
        settle(raw, rec == null || rec.kind === 'undecodable' ? decoders.decode(raw) : rec, 0, fetching);
      }
    },
    get held() {
      return held;
    },
    close() {
      closed = true;
    },
  };
}
