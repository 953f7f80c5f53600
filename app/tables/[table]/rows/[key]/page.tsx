import type { Metadata } from 'next';
import { RowHistoryPage } from '@/components/row-history/row-history-page';

interface Props {
  params: Promise<{ table: string; key: string }>;
  searchParams: Promise<{ pair?: string | string[] }>;
}

/** Segments arrive still encoded (see app/tables/[table]/page.tsx); an invalid escape is kept verbatim. */
function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { table, key } = await params;
  return { title: `History of ${decode(key)} in ${decode(table)}` };
}

/** A row's history: `/tables/<table key>/rows/<JSON of the key columns>`, `?pair=<replica pair id>` for both sides. */
export default async function Page({ params, searchParams }: Props) {
  const { table, key } = await params;
  const { pair } = await searchParams;
  const tableKey = decode(table);
  const rowKey = decode(key);
  const pairId = typeof pair === 'string' && pair.length > 0 ? pair : undefined;
  return (
    <RowHistoryPage
      key={`${tableKey}|${rowKey}|${pairId ?? ''}`}
      tableKey={tableKey}
      rowKey={rowKey}
      {...(pairId === undefined ? {} : { pair: pairId })}
    />
  );
}
