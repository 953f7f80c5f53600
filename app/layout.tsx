import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/layout/site-header';
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
    <html lang="en">
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
