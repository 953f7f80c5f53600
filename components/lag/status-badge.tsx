import type { Tone } from './lag-status';

/** A status word in its tone's colours (ok green, warn amber, err red, idle grey). */
export function StatusBadge({
  status,
  tone,
  testId,
  title,
}: {
  status: string;
  tone: Tone;
  testId?: string;
  title?: string;
}) {
  return (
    <span className={`badge badge-tone-${tone}`} data-testid={testId} data-status={status} title={title}>
      {status}
    </span>
  );
}
