import type { Metadata } from 'next';
import { SchemaTimelinePage } from '@/components/schema/schema-timeline-page';
import { decodeSegment } from '@/lib/route-segment';

interface Props {
  params: Promise<{ table: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { table } = await params;
  return { title: `Schema of ${table}` };
}

export default async function Page({ params }: Props) {
  const { table } = await params;
  const key = decodeSegment(table);
  return <SchemaTimelinePage key={key} tableKey={key} />;
}
