'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * `value`, shown `delayMs` after it changed (the latest value then; never
 * postponed again by later changes, so it cannot starve). For charts that get
 * new data on one tick: each redraws in a task of its own instead of all in
 * one long task, which is what the replica pair page's four charts did.
 */
export function useStaggered<T>(value: T, delayMs: number): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    latest.current = value;
    if (delayMs <= 0 || timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      setShown(latest.current);
    }, delayMs);
  }, [value, delayMs]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return delayMs <= 0 ? value : shown;
}
