import type { FieldDiff } from '@/lib/contracts/replicas';
import { isMaskedValue } from '../inspector/detail-format';
import { clipText, diffRowView } from '../replicas/replica-format';

/**
 * How a page shows a field-level diff. The Replicas and row-history pages
 * compare two copies (A → B), flags in a Notes column, long values clipped
 * with the full text in the tooltip; the inspector shows an event's own
 * change (before → after), flags beside the kind, masked values in the
 * masked style.
 */
export interface FieldDiffLook {
  testId: string;
  rowTestId: string;
  headers: { path: string; before: string; after: string };
  flags: 'notes-column' | 'beside-kind';
  values: 'clipped' | 'masked';
}

export const COPIES_DIFF: FieldDiffLook = {
  testId: 'diff-table',
  rowTestId: 'diff-row',
  headers: { path: 'Field', before: 'A', after: 'B' },
  flags: 'notes-column',
  values: 'clipped',
};

export const CHANGE_DIFF: FieldDiffLook = {
  testId: 'detail-diff',
  rowTestId: 'detail-diff-row',
  headers: { path: 'Path', before: 'Before', after: 'After' },
  flags: 'beside-kind',
  values: 'masked',
};

function Value({
  raw,
  text,
  side,
  values,
}: {
  raw: unknown;
  text: string;
  side: 'before' | 'after';
  values: FieldDiffLook['values'];
}) {
  if (values === 'masked' && isMaskedValue(raw)) return <span className="masked">{String(raw)}</span>;
  const { text: shown, clipped } = values === 'clipped' ? clipText(text) : { text, clipped: false };
  return (
    <span className={`diff-value diff-${side}`} title={clipped ? text : undefined}>
      {shown}
    </span>
  );
}

function Flags({ flags }: { flags: string[] }) {
  return flags.map((f) => (
    <span key={f} className="badge badge-tone-warn">
      {f}
    </span>
  ));
}

/**
 * A field-level diff, one row per entry, values as JSON text; `omitted`
 * entries (the diff size cap) are counted in a last row.
 */
export function FieldDiffTable({
  diff,
  omitted = 0,
  look = COPIES_DIFF,
}: {
  diff: readonly FieldDiff[];
  omitted?: number;
  look?: FieldDiffLook;
}) {
  const notes = look.flags === 'notes-column';
  return (
    <table className="diff-table" data-testid={look.testId}>
      <thead>
        <tr>
          <th scope="col">{look.headers.path}</th>
          <th scope="col">Change</th>
          <th scope="col">{look.headers.before}</th>
          <th scope="col" aria-hidden="true" />
          <th scope="col">{look.headers.after}</th>
          {notes && <th scope="col">Notes</th>}
        </tr>
      </thead>
      <tbody>
        {diff.map((d, i) => {
          const v = diffRowView(d);
          return (
            <tr key={`${v.path}\u0000${i}`} data-testid={look.rowTestId} data-path={v.path} data-kind={v.kind}>
              <td className="mono diff-path">{v.path}</td>
              <td>
                <span className={`diff-kind diff-kind-${v.kind}`}>{v.kind}</span>
                {!notes && <Flags flags={v.flags} />}
              </td>
              <td className="mono">
                <Value raw={d.before} text={v.before} side="before" values={look.values} />
              </td>
              <td className="muted" aria-hidden="true">
                →
              </td>
              <td className="mono">
                <Value raw={d.after} text={v.after} side="after" values={look.values} />
              </td>
              {notes && (
                <td className="diff-flags">
                  <Flags flags={v.flags} />
                </td>
              )}
            </tr>
          );
        })}
        {omitted > 0 && (
          <tr>
            <td colSpan={notes ? 6 : 5} className="muted">
              + {omitted} more difference{omitted === 1 ? '' : 's'} not shown (diff size cap)
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
