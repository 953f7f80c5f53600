import type { DecodedRecord } from '../contracts/change-event';
import type { RawMessage } from '../contracts/raw-message';
import type { ReplicaSideSelector } from '../contracts/replicas';
import { matchesSide } from '../replicas/side-selector';
import { LazyStoredEvent } from '../store/stored-event';

/**
 * A decoded record as a decode worker sends it back (issue #11, target 3):
 * structured clone costs about what building the objects cost, so nothing the
 * main thread already holds or will not read travels. `origin` and `headers`
 * are the raw message's own objects (the decoder copies the references), so
 * they are left out and put back from the main thread's message. `before` is
 * left out of a change that only the inspector keeps (as raw text, decoded
 * again when read): nothing else on the ingest path reads it except replica
 * pairing, so a change a replica pair side selects keeps it.
 */
export type SlimRecord = DecodedRecord & { slim?: number };

const NO_ORIGIN = 1;
const NO_HEADERS = 2;
const NO_BEFORE = 4;

/** In the worker: what to leave out of `rec`, decoded from `raw`. Mutates and returns `rec`. */
export function slimRecord(rec: DecodedRecord, raw: RawMessage, pairSides: readonly ReplicaSideSelector[]): SlimRecord {
  const out = rec as Omit<SlimRecord, 'origin' | 'headers'> & Partial<Pick<SlimRecord, 'origin' | 'headers'>>;
  let slim = 0;
  if (rec.origin === raw.origin) {
    delete out.origin;
    slim |= NO_ORIGIN;
  }
  if (rec.headers === raw.headers) {
    delete out.headers;
    slim |= NO_HEADERS;
  }
  if (
    rec.kind === 'change' &&
    rec.before !== null &&
    LazyStoredEvent.fits(rec, raw) &&
    !pairSides.some((side) => matchesSide(rec, side))
  ) {
    rec.before = null;
    slim |= NO_BEFORE;
  }
  if (slim !== 0) out.slim = slim;
  // Typed as a whole record: restoreRecord puts the left-out references back before anyone reads them.
  return out as SlimRecord;
}

/**
 * On the main thread: the record with the raw message's origin and headers back. A left-out `before` stays
 * null: the inspector keeps such a change as its raw text and decodes it whole again when it is read.
 */
export function restoreRecord(rec: SlimRecord, raw: RawMessage): DecodedRecord {
  const slim = rec.slim;
  if (slim === undefined) return rec;
  delete rec.slim;
  if (slim & NO_ORIGIN) rec.origin = raw.origin;
  if (slim & NO_HEADERS) rec.headers = raw.headers;
  return rec;
}
