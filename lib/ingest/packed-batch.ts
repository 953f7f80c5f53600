import type { MessageOrigin, RawMessage } from '../contracts/raw-message';

/**
 * A batch of raw messages as it crosses to a decode worker (issue #11,
 * target 3): every key and value copied into one ArrayBuffer, which is
 * transferred, not cloned, plus the small per-message metadata (source id,
 * origin, headers, receive time) that the decoder reads. A broker client's
 * Buffer is usually a view of a whole fetch response, so the bytes are
 * copied once here rather than handing the response over.
 */
export interface PackedBatch {
  bytes: ArrayBuffer;
  /** Per message: key offset, key length, value offset, value length; a length of −1 is null. */
  spans: Int32Array;
  meta: PackedMeta[];
}

/** [sourceId, origin, headers, receivedAt] of one message. */
export type PackedMeta = [string, MessageOrigin, Record<string, string>, number];

const SPAN = 4;

export function packBatch(batch: readonly RawMessage[]): PackedBatch {
  let total = 0;
  for (const m of batch) total += (m.key?.length ?? 0) + (m.value?.length ?? 0);
  const bytes = new ArrayBuffer(total);
  const view = new Uint8Array(bytes);
  const spans = new Int32Array(batch.length * SPAN);
  const meta: PackedMeta[] = new Array<PackedMeta>(batch.length);
  let at = 0;
  const put = (part: Uint8Array | null, i: number) => {
    if (part === null) {
      spans[i] = 0;
      spans[i + 1] = -1;
      return;
    }
    view.set(part, at);
    spans[i] = at;
    spans[i + 1] = part.length;
    at += part.length;
  };
  for (let k = 0; k < batch.length; k++) {
    const m = batch[k] as RawMessage;
    put(m.key, k * SPAN);
    put(m.value, k * SPAN + 2);
    meta[k] = [m.sourceId, m.origin, m.headers, m.receivedAt];
  }
  return { bytes, spans, meta };
}

/** The messages again, keys and values as views of the one transferred ArrayBuffer (no copy). */
export function unpackBatch(packed: PackedBatch): RawMessage[] {
  const { bytes, spans, meta } = packed;
  const part = (i: number): Uint8Array | null => {
    const length = spans[i + 1] ?? -1;
    return length < 0 ? null : new Uint8Array(bytes, spans[i] ?? 0, length);
  };
  return meta.map(([sourceId, origin, headers, receivedAt], k) => ({
    sourceId,
    origin,
    key: part(k * SPAN),
    value: part(k * SPAN + 2),
    headers,
    receivedAt,
  }));
}
