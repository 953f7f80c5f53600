import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/layout/site-header';
import { THEME_SCRIPT } from '@/components/layout/theme';
import { Providers } from '@/components/providers';
import { LiveMain } from '@/components/realtime/live-main';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'cdcscope', template: '%s · cdcscope' },
  description: 'Live change-data-capture dashboard for Debezium pipelines on Kafka and NATS JetStream',
};

export const viewport: Viewport = { themeColor: '#0f172a' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // suppressHydrationWarning: the inline theme script sets data-theme on <html> before React hydrates.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* Before the first paint: the stored or system theme, so a dark page never flashes white. */}
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <Providers>
          <SiteHeader />
          <LiveMain>{children}</LiveMain>
        </Providers>
      </body>
    </html>
  );
}
