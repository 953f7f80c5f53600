import type { Metadata } from 'next';
import { TablePage } from '@/components/table/table-page';
import { decodeSegment } from '@/lib/route-segment';

interface Props {
  params: Promise<{ table: string }>;
}

/** generateMetadata receives the segment already decoded (lib/route-segment.ts): used as is. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { table } = await params;
  return { title: table };
}

export default async function Page({ params }: Props) {
  const { table } = await params;
  const key = decodeSegment(table);
  // Keyed by table: moving between tables starts from a clean page state.
  return <TablePage key={key} tableKey={key} />;
}
