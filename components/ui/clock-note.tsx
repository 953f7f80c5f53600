import type { ClockResolution } from '@/lib/contracts/source-clock';

/**
 * The precision of a lag figure's commit clock, beside the figure: nothing
 * for a millisecond (or finer) clock, "±1 s" (the full reason on hover, or
 * written out with `long`) for a whole-second one such as MariaDB's binlog.
 */
export function ClockNote({ clock, long = false }: { clock: ClockResolution | undefined; long?: boolean }) {
  if (clock?.note === undefined) return null;
  const short = clock.note.split(':')[0] ?? clock.note;
  return (
    <span className="clock-note" data-testid="clock-note" title={clock.note}>
      {long ? clock.note : short}
    </span>
  );
}
