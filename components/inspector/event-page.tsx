'use client';

import Link from 'next/link';
import { DetailPane } from './detail-pane';

/** `/inspector/<id>`: one event on its own page. */
export function EventPage({ id }: { id: string }) {
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link href="/inspector">Inspector</Link> / <span className="mono">{id}</span>
      </nav>
      <DetailPane id={id} />
    </>
  );
}
