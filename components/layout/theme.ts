/** The colour theme: the stored choice wins, else the system's `prefers-color-scheme`. */
export type Theme = 'light' | 'dark';

/** localStorage key of an explicit choice (absent: follow the system). */
export const THEME_STORAGE_KEY = 'cdcscope-theme';

/**
 * Runs inline in <head>, before the first paint, so a dark page never
 * flashes white: sets `data-theme` on <html>. Plain ES5, no imports (it is
 * a string); storage may be unavailable (private mode, blocked): then the
 * system setting decides.
 */
export const THEME_SCRIPT = `(function(){try{var s=localStorage.getItem('${THEME_STORAGE_KEY}');}catch(e){}var t=s==='dark'||s==='light'?s:(window.matchMedia&&window.matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light');document.documentElement.dataset.theme=t;})();`;

/** Applies a theme and remembers it, so it sticks across pages and visits. */
export function chooseTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Storage refused: the choice holds for this page only.
  }
}
