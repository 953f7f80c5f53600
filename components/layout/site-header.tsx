import Link from 'next/link';
import { ConnectionStateBadge } from '../realtime/connection-state';
import { SiteNav } from './site-nav';
import { ThemeToggle } from './theme-toggle';
import { UserMenu } from './user-menu';

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          cdcscope
        </Link>
        <SiteNav />
        <div className="site-header-end">
          <ConnectionStateBadge />
          <ThemeToggle />
          <UserMenu />
        </div>
      </div>
    </header>
  );
}
