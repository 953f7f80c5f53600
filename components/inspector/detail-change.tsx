'use client';

import type { EventDetail } from '@/lib/contracts/inspector';
import { CHANGE_DIFF, FieldDiffTable } from '../diff/field-diff-table';
import { KeyValues, Value } from './detail-parts';
import { fieldRows } from './detail-format';

/** What an event changed: the row's fields before and after, a logical message's content, the field-by-field diff. */

export function DetailChange({ detail: d }: { detail: EventDetail }) {
  const rows = fieldRows(d);
  const change = d.change;
  return (
    <>
      {change && rows.length > 0 && (
        <section className="detail-section" aria-label="Row">
          <h3>
            Row <span className="muted">{change.op === 'u' ? 'changed fields highlighted' : ''}</span>
          </h3>
          <div className="detail-scroll">
            <table className="detail-fields" data-testid="detail-fields">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr
                    key={r.name}
                    className={r.changed ? 'changed' : undefined}
                    data-testid="detail-field-row"
                    data-field={r.name}
                    data-changed={r.changed ? 'true' : 'false'}
                  >
                    <th scope="row" className="mono">
                      {r.name}
                      {r.changedPaths.length > 0 && <span className="changed-paths">{r.changedPaths.join(', ')}</span>}
                    </th>
                    <td className="mono">
                      <Value v={r.before} present={r.inBefore} />
                    </td>
                    <td className="mono">
                      <Value v={r.after} present={r.inAfter} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {change?.message && (
        <section className="detail-section" aria-label="Logical message">
          <h3>Logical message</h3>
          <KeyValues
            entries={[
              ['prefix', change.message.prefix],
              ['content', change.message.content],
            ]}
          />
        </section>
      )}

      {d.diff && (
        <section className="detail-section" aria-label="Diff">
          <h3>
            Diff{' '}
            <span className="muted">
              {d.diff.changes.length} change{d.diff.changes.length === 1 ? '' : 's'}
            </span>
          </h3>
          {d.diff.changes.length === 0 ? (
            <p className="muted">No field differs between before and after.</p>
          ) : (
            <FieldDiffTable diff={d.diff.changes} look={CHANGE_DIFF} />
          )}
          {(d.diff.omitted > 0 || !d.diff.complete) && (
            <p className="muted">
              {d.diff.omitted > 0
                ? `+ ${d.diff.omitted} more difference${d.diff.omitted === 1 ? '' : 's'} not shown (diff size cap). `
                : ''}
              {!d.diff.complete
                ? 'The diff is incomplete: the row table above marks changed columns from the event too.'
                : ''}
            </p>
          )}
        </section>
      )}
    </>
  );
}
