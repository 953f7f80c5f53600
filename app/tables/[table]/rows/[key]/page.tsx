import type { Metadata } from 'next';
import { RowHistoryPage } from '@/components/row-history/row-history-page';
import { decodeSegment } from '@/lib/route-segment';

interface Props {
  params: Promise<{ table: string; key: string }>;
  searchParams: Promise<{ pair?: string | string[] }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { table, key } = await params;
  return { title: `History of ${decodeSegment(key)} in ${decodeSegment(table)}` };
}

/** A row's history: `/tables/<table key>/rows/<JSON of the key columns>`, `?pair=<replica pair id>` for both sides. */
export default async function Page({ params, searchParams }: Props) {
  const { table, key } = await params;
  const { pair } = await searchParams;
  const tableKey = decodeSegment(table);
  const rowKey = decodeSegment(key);
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
