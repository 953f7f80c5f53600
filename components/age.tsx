'use client';

import { formatAge, formatClock } from './format';
import { useNow } from './use-now';

/** "4 s ago", ticking once a second; the exact time in the tooltip. */
export function Age({ at, testId }: { at: number | null | undefined; testId?: string }) {
  const now = useNow();
  if (at == null) return <span data-testid={testId}>never</span>;
  return (
    <time dateTime={new Date(at).toISOString()} title={formatClock(at)} data-testid={testId}>
      {formatAge(at, now)}
    </time>
  );
}
