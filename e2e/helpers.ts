import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

/** Screenshots land in test-results/screenshots, kept by CI as evidence of what the page showed. */
export async function saveScreenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}) {
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: opts.fullPage ?? true });
}

/** Reads a number shown in an element, e.g. "1,234" or "12.5/s". */
export function numberIn(text: string | null): number {
  const m = /-?[\d,]*\.?\d+/.exec(text ?? '');
  return m ? Number(m[0].replace(/,/g, '')) : NaN;
}
