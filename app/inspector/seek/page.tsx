import type { Metadata } from 'next';
import { SeekPage } from '@/components/seek/seek-page';

export const metadata: Metadata = { title: 'Seek on broker' };

export default function Page() {
  return <SeekPage />;
}
