import { MAX_VISIBLE_KEYS, type OverviewSnapshot } from '@/lib/contracts/socket-events';
import type { AppSocket } from './realtime-bridge';

/** A lost overview delta is healed by a full push, at most this often. */
export const OVERVIEW_RESYNC_MS = 5_000;
/** The server hears of the drawn rows at most this often: scrolling changes them every frame. */
const VISIBLE_EVERY_MS = 250;

/**
 * The browser's half of the overview room's contract (issue #12): deltas come
 * numbered, and a skipped number means a volatile push was lost, healed by a
 * full push; the rows the list draws are told to the server, which sends only
 * their changes whole and the other tables' as sort keys.
 */
export function createOverviewSync(socket: () => AppSocket | null) {
  let seq: number | undefined;
  let resyncing = false;
  let resyncAt = 0;
  let owed = false;
  /** The last delta before the first one lost since the last full push: the resync builds on what came up to it. */
  let heldUpTo: number | undefined;
  let visible: readonly string[] | null = null;
  let sentAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function sendVisible(): void {
    timer = undefined;
    const s = socket();
    if (!s?.connected || !visible) return;
    sentAt = Date.now();
    s.emit('overview-visible', [...visible]);
  }

  return {
    /** A new connection: the server knows nothing of this client's view, and numbers afresh. */
    connected(s: AppSocket): void {
      seq = undefined;
      resyncing = false;
      owed = false;
      heldUpTo = undefined;
      if (visible) s.emit('overview-visible', [...visible]);
    },
    /**
     * Checks a push's number; on a skip asks for a resync (a full push that
     * builds on the cached rows), at most once per
     * OVERVIEW_RESYNC_MS: on a link so slow it drops deltas often, that is the
     * heal-every-5-s the room once did for every client.
     */
    received(s: AppSocket, snap: OverviewSnapshot): void {
      if (snap.seq === undefined) return;
      if (snap.full) {
        seq = snap.seq;
        resyncing = false;
        owed = false;
        heldUpTo = undefined;
        return;
      }
      if (seq !== undefined && snap.seq > seq + 1) {
        owed = true;
        heldUpTo ??= seq;
      }
      seq = snap.seq;
      if (!owed || resyncing || Date.now() - resyncAt < OVERVIEW_RESYNC_MS) return;
      owed = false;
      resyncing = true;
      resyncAt = Date.now();
      // Whole rows only for the ones shown (and any a lost delta may have carried first), briefs for the rest.
      s.emit('subscribe', { kind: 'overview', ...(heldUpTo !== undefined ? { resync: heldUpTo } : {}) });
    },
    show(keys: readonly string[]): void {
      const next = keys.slice(0, MAX_VISIBLE_KEYS);
      if (visible && next.length === visible.length && next.every((k, i) => k === visible?.[i])) return;
      visible = next;
      timer ??= setTimeout(sendVisible, Math.max(0, sentAt + VISIBLE_EVERY_MS - Date.now()));
    },
    stop(): void {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
