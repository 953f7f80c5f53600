import type { Metadata } from 'next';
import { SchemaTimelinePage } from '@/components/schema/schema-timeline-page';

interface Props {
  params: Promise<{ table: string }>;
}

/** As on the table page: the segment arrives still encoded (decode once), generateMetadata gets it decoded. */
function decodeKey(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { table } = await params;
  return { title: `Schema of ${table}` };
}

export default async function Page({ params }: Props) {
  const { table } = await params;
  const key = decodeKey(table);
  return <SchemaTimelinePage key={key} tableKey={key} />;
}
