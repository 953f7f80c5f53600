/** One column of a fixed-layout data table. */
export interface ColumnSpec {
  label: string;
  /** Column width in px. */
  width: number;
  /** Right-aligned numbers. */
  num?: boolean;
  /** Header tooltip, e.g. what a counter means. */
  title?: string;
  /** Header text for screen readers only, for a column with no visible label (an expand button's). */
  hiddenLabel?: string;
  /** A sortable column: its state (`aria-sort`) and what a click on its header does. */
  sort?: { state: 'ascending' | 'descending' | 'none'; onToggle: () => void; testId?: string };
}

/**
 * The `<colgroup>` and header row of a data table, from one column list, so
 * widths and headers cannot drift apart. Rows stay with each table.
 */
export function TableColumns({ columns }: { columns: readonly ColumnSpec[] }) {
  return (
    <>
      <colgroup>
        {columns.map((c, i) => (
          <col key={i} style={{ width: c.width }} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col" className={c.num ? 'num' : undefined} title={c.title} aria-sort={c.sort?.state}>
              {c.hiddenLabel ? (
                <span className="visually-hidden">{c.hiddenLabel}</span>
              ) : c.sort ? (
                <button type="button" className="sort-btn" onClick={c.sort.onToggle} data-testid={c.sort.testId}>
                  {c.label}
                  <span className="arrow" aria-hidden="true">
                    {c.sort.state === 'ascending' ? '▲' : c.sort.state === 'descending' ? '▼' : '↕'}
                  </span>
                </button>
              ) : (
                c.label
              )}
            </th>
          ))}
        </tr>
      </thead>
    </>
  );
}
