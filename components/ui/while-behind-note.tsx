import { formatDuration } from '../format';

/**
 * "cdcscope behind" beside an end-to-end lag figure measured while cdcscope
 * itself was behind the table's source (lib/analytics/lag-while-behind.ts):
 * the figure then includes cdcscope's own delay, not only the pipeline's.
 * Shared by the overview's rows and the table page's tiles so both say it alike.
 */
export function WhileBehindNote({ seconds }: { seconds: number | undefined }) {
  if (seconds === undefined) return null;
  return (
    <span
      className="clock-note hot"
      data-testid="lag-while-behind"
      title={`Measured while cdcscope itself was ${formatDuration(seconds * 1000)} behind this source: the end-to-end lag includes cdcscope's own delay`}
    >
      cdcscope behind
    </span>
  );
}
