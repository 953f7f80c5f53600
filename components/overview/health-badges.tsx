'use client';

import Link from 'next/link';
import { healthBadges } from '../lag/health-summary';
import { useLag } from '../realtime/use-lag';
import { useReplicas } from '../realtime/use-replicas';

/**
 * The overview needs three numbers, not the full figures once a second: it
 * polls `GET /api/replicas` and `GET /api/lag/consumers` every 5 s through
 * the same query keys as the Replicas and Lag pages (so those open with data)
 * and joins no room.
 */
const POLL_MS = 5_000;

/** Warning badges on the overview: replica pairs with problems, consumers not OK, stalled connectors; each links to its page. */
export function HealthBadges() {
  const replicas = useReplicas({ live: false, pollMs: POLL_MS });
  const lag = useLag({ live: false, pollMs: POLL_MS });
  const badges = healthBadges(replicas.data?.pairs, lag.data);
  if (badges.length === 0) return null;
  return (
    <nav className="health-badges" aria-label="Health" data-testid="health-badges">
      {badges.map((b) => (
        <Link
          key={b.kind}
          href={b.href}
          className={`health-badge ${b.count > 0 ? 'health-bad' : 'health-good'}`}
          data-testid="health-badge"
          data-kind={b.kind}
          data-count={b.count}
          prefetch={false}
        >
          <span className="health-dot" aria-hidden="true" />
          <strong>{b.figure}</strong> {b.text}
        </Link>
      ))}
    </nav>
  );
}
