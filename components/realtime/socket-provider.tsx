'use client';

import { useQueryClient } from '@tanstack/react-query';
import { usePathname } from 'next/navigation';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { io } from 'socket.io-client';
import { LOGIN_PATH } from '@/lib/auth/paths';
import { createRealtimeBridge, type AppSocket, type RealtimeBridge } from './realtime-bridge';

const RealtimeContext = createContext<RealtimeBridge | null>(null);

/**
 * Owns the app's single Socket.IO connection (same origin, default path
 * `/socket.io`). Mounted once in the root layout, so client-side navigation
 * keeps the connection; pages only join and leave rooms through `useRoom`.
 */
export function SocketProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [bridge] = useState(() => createRealtimeBridge(queryClient));
  // The login page needs no data, and with authentication on the server would
  // refuse the socket anyway: no connection there (sign-in ends in a full page load).
  const onLoginPage = usePathname() === LOGIN_PATH;

  useEffect(() => {
    if (onLoginPage) return;
    // Created in an effect, never during render, so the server render opens no
    // socket. Under StrictMode (dev) the first one is closed at once: expected.
    const socket: AppSocket = io({ autoConnect: false });
    bridge.attach(socket);
    socket.connect();
    return () => {
      bridge.detach();
      socket.disconnect();
    };
  }, [bridge, onLoginPage]);

  return <RealtimeContext.Provider value={bridge}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): RealtimeBridge {
  const bridge = useContext(RealtimeContext);
  if (!bridge) throw new Error('useRealtime must be used inside <SocketProvider>');
  return bridge;
}
