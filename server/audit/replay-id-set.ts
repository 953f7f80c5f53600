import { createHash } from 'node:crypto';

/**
 * Every replay id ever written to a log, compactly, so `find` and the
 * duplicate check can answer "never seen" without reading the file.
 *
 * Each id is kept as 64 bits of its SHA-256 plus one state byte (started /
 * finished) in an open-addressing table (linear probing) that doubles when
 * 3/4 full. Cost: 9 bytes per slot and 1⅓–2⅔ slots per id, so 12–24 bytes per
 * replay id (1 million replays: at most 24 MB), against ~100 bytes for a
 * `Set` of UUID strings. SHA-256 rather than a fast hash because replay ids
 * come from clients: nobody can craft ids that collide.
 *
 * `absent` is exact (no false negatives). A hit is "almost certainly": two ids
 * share 64 bits with probability n/2^64, so callers that must be exact confirm
 * a hit against the stored records before acting on it.
 */
export type IdState = 'absent' | 'started' | 'finished';

const EMPTY = 0;
const STARTED = 1;
const FINISHED = 2;
/** First table size (slots); a power of two so the index is a mask. */
const INITIAL_SLOTS = 1_024;

export interface ReplayIdSet {
  state(replayId: string): IdState;
  /** Records that the id was started; a no-op if it already was. */
  markStarted(replayId: string): void;
  /** Records that the id was finished (also marks it started). */
  markFinished(replayId: string): void;
  readonly size: number;
  /** Bytes held by the table's arrays. */
  readonly bytes: number;
}

export function createReplayIdSet(): ReplayIdSet {
  let slots = INITIAL_SLOTS;
  let hi = new Uint32Array(slots);
  let lo = new Uint32Array(slots);
  let states = new Uint8Array(slots);
  let size = 0;

  /** Slot holding (h, l), or the empty slot where it would go. */
  const slotOf = (h: number, l: number): number => {
    const mask = slots - 1;
    let i = l & mask;
    while (states[i] !== EMPTY && (hi[i] !== h || lo[i] !== l)) i = (i + 1) & mask;
    return i;
  };

  const grow = () => {
    const [oldHi, oldLo, oldStates] = [hi, lo, states];
    slots *= 2;
    hi = new Uint32Array(slots);
    lo = new Uint32Array(slots);
    states = new Uint8Array(slots);
    for (let j = 0; j < oldStates.length; j++) {
      if (oldStates[j] === EMPTY) continue;
      const i = slotOf(oldHi[j] as number, oldLo[j] as number);
      hi[i] = oldHi[j] as number;
      lo[i] = oldLo[j] as number;
      states[i] = oldStates[j] as number;
    }
  };

  const mark = (replayId: string, to: number) => {
    const [h, l] = hash64(replayId);
    let i = slotOf(h, l);
    if (states[i] === EMPTY) {
      if ((size + 1) * 4 > slots * 3) {
        grow();
        i = slotOf(h, l);
      }
      hi[i] = h;
      lo[i] = l;
      size++;
    }
    states[i] = Math.max(states[i] as number, to);
  };

  return {
    state(replayId) {
      const [h, l] = hash64(replayId);
      const s = states[slotOf(h, l)];
      return s === FINISHED ? 'finished' : s === STARTED ? 'started' : 'absent';
    },
    markStarted: (replayId) => mark(replayId, STARTED),
    markFinished: (replayId) => mark(replayId, FINISHED),
    get size() {
      return size;
    },
    get bytes() {
      return slots * 9;
    },
  };
}

function hash64(replayId: string): [number, number] {
  const digest = createHash('sha256').update(replayId, 'utf8').digest();
  return [digest.readUInt32LE(0), digest.readUInt32LE(4)];
}
