/** Top-level pages, in header order. */
export interface NavLink {
  href: string;
  label: string;
}

export const NAV_LINKS: readonly NavLink[] = [
  { href: '/', label: 'Overview' },
  { href: '/replicas', label: 'Replicas' },
  { href: '/transactions', label: 'Transactions' },
  { href: '/lag', label: 'Lag' },
  { href: '/connectors', label: 'Connectors' },
  { href: '/inspector', label: 'Inspector' },
  { href: '/audit', label: 'Audit' },
];
