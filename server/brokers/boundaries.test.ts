import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layout rule of server/brokers/ (ARCHITECTURE.md): broker client
 * libraries are imported only under server/brokers/, and code outside it
 * reaches a kind's folder only through the registry and the interfaces, never
 * directly. Tests under test/ and benchmarks may, to set up fixtures.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCANNED = ['server', 'lib', 'components', 'app'];
const BROKERS = join('server', 'brokers') + sep;
const KIND_FOLDERS = readdirSync(join(ROOT, BROKERS), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

function sourceFiles(): { path: string; text: string }[] {
  return SCANNED.flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => {
        const path = join(dir, f);
        return { path, text: readFileSync(join(ROOT, path), 'utf8') };
      }),
  );
}

const importsOf = (text: string) =>
  [...text.matchAll(/\bfrom\s+'([^']+)'|\bimport\s*\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');

describe('server/brokers boundaries', () => {
  const files = sourceFiles();
  const outside = files.filter((f) => !f.path.startsWith(BROKERS));

  it('finds the code it checks', () => {
    expect(outside.length).toBeGreaterThan(50);
    expect(KIND_FOLDERS).toEqual(expect.arrayContaining(['kafka', 'jetstream', 'demo']));
  });

  it('imports kafkajs and nats.js only under server/brokers/', () => {
    const offending = outside
      .filter((f) => importsOf(f.text).some((s) => s === 'kafkajs' || s.startsWith('@nats-io/')))
      .map((f) => f.path);
    expect(offending).toEqual([]);
  });

  it('reaches a broker kind only through the registry and the interfaces', () => {
    const kindPath = new RegExp(`(^|/)brokers/(${KIND_FOLDERS.join('|')})/`);
    const offending = outside.filter((f) => importsOf(f.text).some((s) => kindPath.test(s))).map((f) => f.path);
    expect(offending).toEqual([]);
  });
});
