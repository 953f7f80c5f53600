import type { FieldDiff } from '@/lib/contracts/replicas';
import { clipText, diffRowView } from './replica-format';

function Value({ text, kind }: { text: string; kind: 'before' | 'after' }) {
  const { text: shown, clipped } = clipText(text);
  return (
    <span className={`diff-value diff-${kind}`} title={clipped ? text : undefined}>
      {shown}
    </span>
  );
}

/** A field-level diff (A copy → B copy), one row per entry, values as JSON text. */
export function FieldDiffTable({ diff, omitted }: { diff: readonly FieldDiff[]; omitted: number }) {
  return (
    <table className="diff-table" data-testid="diff-table">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Change</th>
          <th scope="col">A</th>
          <th scope="col" aria-hidden="true" />
          <th scope="col">B</th>
          <th scope="col">Notes</th>
        </tr>
      </thead>
      <tbody>
        {diff.map((d, i) => {
          const v = diffRowView(d);
          return (
            <tr key={`${v.path}\u0000${i}`} data-testid="diff-row" data-path={v.path} data-kind={v.kind}>
              <td className="mono diff-path">{v.path}</td>
              <td>
                <span className={`diff-kind diff-kind-${v.kind}`}>{v.kind}</span>
              </td>
              <td className="mono">
                <Value text={v.before} kind="before" />
              </td>
              <td className="muted" aria-hidden="true">
                →
              </td>
              <td className="mono">
                <Value text={v.after} kind="after" />
              </td>
              <td className="diff-flags">
                {v.flags.map((f) => (
                  <span key={f} className="badge badge-tone-warn">
                    {f}
                  </span>
                ))}
              </td>
            </tr>
          );
        })}
        {omitted > 0 && (
          <tr>
            <td colSpan={6} className="muted">
              + {omitted} more difference{omitted === 1 ? '' : 's'} not shown (diff size cap)
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
