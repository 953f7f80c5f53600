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
            <th key={i} scope="col" className={c.num ? 'num' : undefined} title={c.title}>
              {c.hiddenLabel ? <span className="visually-hidden">{c.hiddenLabel}</span> : c.label}
            </th>
          ))}
        </tr>
      </thead>
    </>
  );
}
