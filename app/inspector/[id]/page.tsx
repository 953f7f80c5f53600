import type { Metadata } from 'next';
import { EventPage } from '@/components/inspector/event-page';
import { decodeSegment } from '@/lib/route-segment';

interface Props {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Event ${id}` };
}

export default async function Page({ params }: Props) {
  const { id } = await params;
  const eventId = decodeSegment(id);
  return <EventPage key={eventId} id={eventId} />;
}
