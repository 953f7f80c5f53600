import type { Metadata } from 'next';
import { EventPage } from '@/components/inspector/event-page';

interface Props {
  params: Promise<{ id: string }>;
}

/** As on the table page: the page receives the segment still encoded (decode once), generateMetadata decoded. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
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
