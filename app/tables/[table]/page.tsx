import type { Metadata } from 'next';
import { TablePage } from '@/components/table/table-page';

interface Props {
  params: Promise<{ table: string }>;
}

/**
 * Table keys contain dots and anything a database allows; links encode them
 * with `encodeURIComponent`. Checked on Next 16.4: the page receives the
 * segment still encoded (decode once here), generateMetadata receives it
 * decoded (use as is). An invalid escape is kept verbatim.
 */
function decodeKey(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { table } = await params;
  return { title: table };
}

export default async function Page({ params }: Props) {
  const { table } = await params;
  const key = decodeKey(table);
  // Keyed by table: moving between tables starts from a clean page state.
  return <TablePage key={key} tableKey={key} />;
}
