import type { DecodedRecord } from '../../lib/contracts/change-event';
import type { ReplicaPairConfig } from '../../lib/config/replicas-schema';
import type { ReplicaPairSummary } from '../../lib/contracts/replicas';
import { createPairTracker, type PairTracker } from '../../lib/replicas/pair-tracker';
import { pairTrackerOptionsFromConfig } from '../../lib/replicas/pair-options';

/** Seconds of the per-second delay series sent with one pair's detail: the 15 minutes the charts show. */
export const PAIR_SERIES_SECONDS = 900;

/** The configured replica pairs, fed every change record and ticked once a second. */
export function createReplicaTrackers(configs: readonly ReplicaPairConfig[]) {
  const trackers: PairTracker[] = configs.map((c) => createPairTracker(pairTrackerOptionsFromConfig(c)));
  const byId = new Map(trackers.map((t) => [t.pairId, t]));
  return {
    get count() {
      return trackers.length;
    },
    offer(rec: DecodedRecord, now: number) {
      if (rec.kind !== 'change') return;
      for (const t of trackers) t.offer(rec, now);
    },
    tick(now: number) {
      for (const t of trackers) t.tick(now);
    },
    /** Sum of the trackers' versions: changes whenever any pair changed. */
    version(): number {
      let v = 0;
      for (const t of trackers) v += t.version;
      return v;
    },
    summaries(now: number): ReplicaPairSummary[] {
      return trackers.map((t) => t.snapshot(now));
    },
    pair(pairId: string, now: number): ReplicaPairSummary | undefined {
      return byId.get(pairId)?.snapshot(now, { seriesSeconds: PAIR_SERIES_SECONDS });
    },
  };
}
