'use client';

import { useSyncExternalStore } from 'react';
import { INITIAL_CONNECTION_STATE, type ConnectionState } from './realtime-bridge';
import { useRealtime } from './socket-provider';

/** Socket connection state; re-renders only when it changes, never per message. */
export function useConnectionState(): ConnectionState {
  const bridge = useRealtime();
  return useSyncExternalStore(bridge.subscribeState, bridge.getState, () => INITIAL_CONNECTION_STATE);
}

/** While the socket is down, queries fall back to polling at this interval (ms). */
export const POLL_WHEN_OFFLINE_MS = 5000;

export function usePollInterval(): number | false {
  return useConnectionState().status === 'connected' ? false : POLL_WHEN_OFFLINE_MS;
}
