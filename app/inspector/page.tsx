import type { Metadata } from 'next';
import { Suspense } from 'react';
import { InspectorPage } from '@/components/inspector/inspector-page';

export const metadata: Metadata = { title: 'Inspector' };

export default function Page() {
  // useSearchParams: the filters live in the query string.
  return (
    <Suspense fallback={<p className="notice">Loading…</p>}>
      <InspectorPage />
    </Suspense>
  );
}
