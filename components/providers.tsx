'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { HttpError } from './realtime/fetch-json';
import { SocketProvider } from './realtime/socket-provider';

/** Longest wait between two attempts of a failing query. */
const RETRY_MAX_DELAY_MS = 10_000;

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Socket pushes keep the data fresh; refetching on focus would only race them.
        staleTime: Infinity,
        refetchOnWindowFocus: false,
        // A client error (404 gone, 401 signed out, 400) will not change by asking again. Anything else (5xx,
        // network) is retried for as long as the page is open, backing off to every 10 s: a monitor left on a
        // wall screen must come back by itself. Pages show the failure from the first attempt (QueryStatus).
        retry: (_failures, error) => !(error instanceof HttpError && error.status >= 400 && error.status < 500),
        retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, RETRY_MAX_DELAY_MS),
      },
    },
  });
}

/** One QueryClient and one Socket.IO connection for the whole app. */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <SocketProvider>{children}</SocketProvider>
    </QueryClientProvider>
  );
}
