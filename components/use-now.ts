'use client';

import { useSyncExternalStore } from 'react';

/**
 * One shared 1-second clock for every "x s ago" on screen: a single interval
 * however many ages are shown, and rows stay memoized (only the age cells
 * re-render each second).
 */
const TICK_MS = 1000;

let now = 0;
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

function getSnapshot(): number {
  // Before the first subscription (or after the last one) catch up, but keep
  // the value stable within a tick: React requires a cached snapshot.
  if (timer === null && Date.now() - now >= TICK_MS) now = Date.now();
  return now;
}
// The server render shows no data, hence no ages: any constant will do.
const getServerSnapshot = () => 0;

export function useNow(): number {
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}
