import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * avsc (Node Buffers) is server-side only: the decoder in lib/debezium may use
 * the dependency-free parts of lib/avro (wire format, base64) and must reach
 * the codec only through the SchemaLookup interface it is handed.
 */
const SERVER_ONLY = /from '(avsc|\.\.\/avro\/(avro-codec|avro-reader|avro-writer|schema-cache|replay-encode))'/;

describe('bundle boundary', () => {
  it('keeps avsc out of lib/debezium (fixtures and tests aside)', () => {
    const dir = join(__dirname, '..', 'debezium');
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .filter((f) => SERVER_ONLY.test(readFileSync(join(dir, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('keeps lib/avro out of the browser code', () => {
    const hits: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name) && /lib\/avro|from 'avsc'/.test(readFileSync(path, 'utf8')))
          hits.push(path);
      }
    };
    for (const top of ['app', 'components']) walk(join(__dirname, '..', '..', top));
    expect(hits).toEqual([]);
  });
});
