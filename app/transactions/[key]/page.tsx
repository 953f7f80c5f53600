import type { Metadata } from 'next';
import { TransactionDetailPage } from '@/components/transactions/transaction-detail-page';
import { decodeSegment } from '@/lib/route-segment';

interface Props {
  params: Promise<{ key: string }>;
}

export const metadata: Metadata = { title: 'Transaction' };

export default async function Page({ params }: Props) {
  const { key } = await params;
  const txKey = decodeSegment(key);
  return <TransactionDetailPage key={txKey} txKey={txKey} />;
}
