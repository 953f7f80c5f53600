import type { Metadata } from 'next';
import { LagPage } from '@/components/lag/lag-page';

export const metadata: Metadata = { title: 'Lag' };

export default function Page() {
  return <LagPage />;
}
