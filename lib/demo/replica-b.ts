import type { RawMessage } from '../contracts/raw-message';
import type { Random } from './random';

/** Replica B delivers each change later than A by up to this much. */
const MAX_DELAY_MS = 400;
const DUPLICATE_RATE = 0.005;
const MISSING_RATE = 0.001;

/**
 * Replica B's connector in the demo: A's changes again, up to 400 ms later,
 * now and then twice (at-least-once, 50 ms apart) or never (the pair's
 * "missing"). Always in A's order: a connector writes its binlog in order,
 * whatever its delay, so a copy is released no earlier than the one before it.
 * Held copies are bounded by what 400 ms of changes can hold.
 */
export function createReplicaB(rnd: Random) {
  const held: { due: number; msg: RawMessage }[] = [];
  let lastDue = 0;
  return {
    /** One change's messages (a delete's tombstone too); `keep`: never lost (the demo's hot row). */
    copy(events: readonly RawMessage[], now: number, keep: boolean) {
      if (rnd.chance(MISSING_RATE) && !keep) return;
      for (const e of events) {
        const due = Math.max(lastDue, now + rnd.int(5, MAX_DELAY_MS));
        lastDue = due;
        held.push({ due, msg: e });
        if (rnd.chance(DUPLICATE_RATE)) held.push({ due: due + 50, msg: { ...e } });
      }
    },
    /** Copies due by `now`, as received now, each with the demo stream's next sequence number. */
    release(out: RawMessage[], now: number, nextSeq: () => number) {
      let kept = 0;
      for (const d of held) {
        if (d.due <= now)
          out.push({
            ...d.msg,
            receivedAt: now,
            origin: { ...d.msg.origin, seq: nextSeq(), timestamp: now } as RawMessage['origin'],
          });
        else held[kept++] = d;
      }
      held.length = kept;
    },
  };
}
