'use client';

import { useEffect, useState } from 'react';

export type ClipboardState = 'idle' | 'copied' | 'failed';

/** Copies text and says how it went for two seconds (the button's label), then returns to idle. */
export function useClipboard(): { state: ClipboardState; copy: (text: string) => Promise<void> } {
  const [state, setState] = useState<ClipboardState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(t);
  }, [state]);
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return { state, copy };
}
