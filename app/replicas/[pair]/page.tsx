import type { Metadata } from 'next';
import { PairDetailPage } from '@/components/replicas/pair-detail-page';
import { decodeSegment } from '@/lib/route-segment';

interface Props {
  params: Promise<{ pair: string }>;
  searchParams: Promise<{ table?: string | string[] }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { pair } = await params;
  return { title: `Replica pair ${pair}` };
}

export default async function Page({ params, searchParams }: Props) {
  const { pair } = await params;
  const { table } = await searchParams;
  const id = decodeSegment(pair);
  const first = Array.isArray(table) ? table[0] : table;
  // Keyed by pair only: changing the table filter keeps the charts mounted.
  return <PairDetailPage key={id} pairId={id} table={first ? first : null} />;
}
