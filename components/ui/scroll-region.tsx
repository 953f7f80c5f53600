import type { ReactNode } from 'react';

/**
 * A table whose width follows its data (names from production, counts, "12 s
 * ago"), scrolling on its own on a phone so it never widens the page.
 * Focusable and labelled, so a keyboard can scroll it and a screen reader
 * names it (axe: scrollable-region-focusable).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="detail-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
