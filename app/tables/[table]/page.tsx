import type { Metadata } from 'next';
import { TablePage } from '@/components/table/table-page';

interface Props {
  params: Promise<{ table: string }>;
}

/** Table keys contain dots and are URL-encoded in links; tolerate a segment that is not valid encoding. */
function decodeKey(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { table } = await params;
  return { title: decodeKey(table) };
}

export default async function Page({ params }: Props) {
  const { table } = await params;
  const key = decodeKey(table);
  // Keyed by table: moving between tables starts from a clean page state.
  return <TablePage key={key} tableKey={key} />;
}
