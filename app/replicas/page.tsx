import type { Metadata } from 'next';
import { ReplicasPage } from '@/components/replicas/replicas-page';

export const metadata: Metadata = { title: 'Replicas' };

export default function Page() {
  return <ReplicasPage />;
}
