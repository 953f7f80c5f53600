import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** What the browser bundle is built from: the pages, their components, and the shared pure code. */
const CLIENT_SIDE = ['app', 'components', 'lib'];
/** The modules that import the guard first (server/main.ts and what it wires that holds data, secrets or sockets). */
const GUARDED = [
  'server/main.ts',
  'server/http/api.ts',
  'server/auth/auth-service.ts',
  'server/pipeline/pipeline.ts',
  'server/realtime/socket-server.ts',
  'server/metrics/metrics.ts',
  'server/brokers/registry.ts',
];

/** Every module specifier in a source text, in order: static and type imports, re-exports, side-effect imports, `import()` and `require()`. */
function moduleSpecifiers(source: string): string[] {
  const pattern =
    /\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  return [...source.matchAll(pattern)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** Whether a specifier written in `file` points into server/ (relative, or through the `@/` alias of tsconfig). */
function reachesServer(file: string, specifier: string): boolean {
  let target: string;
  if (specifier.startsWith('.')) target = resolve(dirname(file), specifier);
  else if (specifier.startsWith('@/')) target = join(ROOT, specifier.slice(2));
  else return false;
  const rel = relative(ROOT, target).split(sep).join('/');
  return rel === 'server' || rel.startsWith('server/');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx|js|jsx|mjs|cjs)$/.test(e.name) ? [path] : [];
  });
}

describe('server code stays out of the browser bundle', () => {
  it('no file under app/, components/ or lib/ imports from server/ (tests excepted: they are never bundled)', () => {
    const files = CLIENT_SIDE.flatMap((d) => sourceFiles(join(ROOT, d))).filter((f) => !/\.test\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.flatMap((f) =>
      moduleSpecifiers(readFileSync(f, 'utf8'))
        .filter((s) => reachesServer(f, s))
        .map((s) => `${relative(ROOT, f)} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the scan sees every way of importing, and only paths into server/', () => {
    const file = join(ROOT, 'components', 'x', 'y.tsx');
    const source = [
      "import { a } from '../../server/http/api';",
      'import type {\n  T,\n} from "../../server/pipeline/dashboard-state";',
      "export * from '@/server/auth/auth-service';",
      "import '../../server/server-only';",
      "const m = await import('../../server/metrics/metrics');",
      "const r = require('../../server');",
      "import { b } from '../../lib/server-time';",
      "import { c } from './server/local';",
      "import { d } from 'server-side-lib';",
    ].join('\n');
    expect(moduleSpecifiers(source).filter((s) => reachesServer(file, s))).toEqual([
      '../../server/http/api',
      '../../server/pipeline/dashboard-state',
      '@/server/auth/auth-service',
      '../../server/server-only',
      '../../server/metrics/metrics',
      '../../server',
    ]);
  });

  it.each(GUARDED)('%s imports the guard before anything else', (file) => {
    expect(moduleSpecifiers(readFileSync(join(ROOT, file), 'utf8'))[0]).toMatch(/^\.\.?\/(\.\.\/)*server-only$/);
  });

  it("nothing in server/ imports the npm package 'server-only' (it throws outside react-server, i.e. under tsx)", () => {
    const users = sourceFiles(join(ROOT, 'server')).filter((f) =>
      moduleSpecifiers(readFileSync(f, 'utf8')).includes('server-only'),
    );
    expect(users.map((f) => relative(ROOT, f))).toEqual([]);
  });
});

describe('the guard', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('loads quietly in Node', async () => {
    vi.resetModules();
    await expect(import('./server-only')).resolves.toBeDefined();
  });

  it('throws when loaded where a window exists (a browser)', async () => {
    vi.stubGlobal('window', {});
    vi.resetModules();
    await expect(import('./server-only')).rejects.toThrow(/server module was loaded in the browser/);
  });
});
