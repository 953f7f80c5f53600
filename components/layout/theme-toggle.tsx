'use client';

import { useSyncExternalStore } from 'react';
import { chooseTheme, THEME_STORAGE_KEY, type Theme } from './theme';

/**
 * The theme is `data-theme` on <html> (set before the first paint by the
 * inline script): watched there, and while no choice is stored, the system
 * setting is followed live.
 */
function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  const follow = (e: MediaQueryListEvent) => {
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(THEME_STORAGE_KEY);
    } catch {
      // Storage refused: follow the system.
    }
    if (!stored) document.documentElement.dataset.theme = e.matches ? 'dark' : 'light';
  };
  media.addEventListener('change', follow);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', follow);
  };
}
const getTheme = (): Theme => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light');
// The server render cannot know the theme the inline script will pick: no button until hydrated.
const getServerTheme = (): Theme | null => null;

/** Header button switching light and dark; the choice is stored in this browser and sticks. */
export function ThemeToggle() {
  const theme = useSyncExternalStore<Theme | null>(subscribe, getTheme, getServerTheme);
  if (theme === null) return null;
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="theme-toggle"
      aria-pressed={theme === 'dark'}
      onClick={() => chooseTheme(next)}
      data-testid="theme-toggle"
      data-theme={theme}
      title={`Switch to the ${next} theme (remembered in this browser)`}
    >
      Dark mode
    </button>
  );
}
