'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { HttpError } from './realtime/fetch-json';
import { SocketProvider } from './realtime/socket-provider';

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Socket pushes keep the data fresh; refetching on focus would only race them.
        staleTime: Infinity,
        refetchOnWindowFocus: false,
        // 404: gone; 401: signed out (the page is already on its way to /login).
        retry: (failures, error) =>
          !(error instanceof HttpError && (error.status === 404 || error.status === 401)) && failures < 3,
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
