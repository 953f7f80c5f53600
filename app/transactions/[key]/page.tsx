import type { Metadata } from 'next';
import { TransactionDetailPage } from '@/components/transactions/transaction-detail-page';

interface Props {
  params: Promise<{ key: string }>;
}

/** As on the replica pair page: the segment arrives still encoded; decode once. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export const metadata: Metadata = { title: 'Transaction' };

export default async function Page({ params }: Props) {
  const { key } = await params;
  const txKey = decodeSegment(key);
  return <TransactionDetailPage key={txKey} txKey={txKey} />;
}
