/** Top-level pages, in header order. Add Replicas, Lag and Inspector here when they exist. */
export interface NavLink {
  href: string;
  label: string;
}

export const NAV_LINKS: readonly NavLink[] = [{ href: '/', label: 'Overview' }];
