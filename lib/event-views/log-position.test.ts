import { describe, expect, it } from 'vitest';
import { compareLogPositions, logPositionView, sortByLogPosition } from './log-position';

const view = (logPosition: string | undefined, position = 'p0@1') =>
  logPositionView(logPosition === undefined ? { position } : { logPosition, position });
/** Texts sorted as the column sorts them. */
const sorted = (...items: { logPosition?: string; position: string }[]) =>
  items
    .map((e) => logPositionView(e))
    .sort(compareLogPositions)
    .map((v) => `${v.label} ${v.text}`);

describe('logPositionView', () => {
  it('names each kind of position', () => {
    expect(
      [view('16/B374D848'), view('0-1-2220'), view('3e11fa47-71ca-11e1-9e33-c80aa9429562:23')].map((v) => v.label),
    ).toEqual(['LSN', 'GTID', 'GTID']);
    expect(view('mysql-bin.000003:4567')).toMatchObject({ kind: 'binlog', label: 'binlog' });
    expect(view(undefined, 'p3@1042')).toMatchObject({ kind: 'kafka', label: 'Kafka', text: 'p3@1042' });
    expect(view(undefined, '#88')).toMatchObject({ kind: 'stream-seq', label: 'seq', text: '#88' });
    expect(view(undefined, 'p3@1042').title).toMatch(/partition 3, offset 1042/);
  });

  it('orders each kind as its log does, not as text', () => {
    expect(sorted({ logPosition: 'A/0', position: '' }, { logPosition: '9/FFFFFFFF', position: '' })).toEqual([
      'LSN 9/FFFFFFFF',
      'LSN A/0',
    ]);
    expect(sorted({ logPosition: '0/10', position: '' }, { logPosition: '0/F', position: '' })).toEqual([
      'LSN 0/F',
      'LSN 0/10',
    ]);
    // MariaDB: by domain, then sequence (a failover changes the server id, not the order).
    expect(sorted({ logPosition: '0-2-10', position: '' }, { logPosition: '0-1-9', position: '' })).toEqual([
      'GTID 0-1-9',
      'GTID 0-2-10',
    ]);
    expect(
      sorted(
        { logPosition: 'mysql-bin.000010:4', position: '' },
        { logPosition: 'mysql-bin.000009:900', position: '' },
      ),
    ).toEqual(['binlog mysql-bin.000009:900', 'binlog mysql-bin.000010:4']);
    expect(
      sorted(
        { logPosition: 'mysql-bin.000003:1000', position: '' },
        { logPosition: 'mysql-bin.000003:999', position: '' },
      ),
    ).toEqual(['binlog mysql-bin.000003:999', 'binlog mysql-bin.000003:1000']);
    expect(sorted({ position: 'p1@10' }, { position: 'p0@99' }, { position: 'p1@9' })).toEqual([
      'Kafka p0@99',
      'Kafka p1@9',
      'Kafka p1@10',
    ]);
    expect(sorted({ position: '#100' }, { position: '#99' })).toEqual(['seq #99', 'seq #100']);
  });

  it('groups kinds apart instead of comparing an LSN with an offset', () => {
    expect(
      sorted(
        { position: '#5' },
        { position: 'p0@1' },
        { logPosition: '0-1-1', position: '' },
        { logPosition: '0/1', position: '' },
      ),
    ).toEqual(['LSN 0/1', 'GTID 0-1-1', 'Kafka p0@1', 'seq #5']);
  });
});

describe('sortByLogPosition', () => {
  it('flips the order inside each kind and keeps the kinds where they are', () => {
    const rows = [
      { position: 'p0@2' },
      { logPosition: '0/2', position: 'p0@9' },
      { position: 'p0@1' },
      { logPosition: '0/1', position: 'p0@8' },
    ];
    const text = (r: typeof rows) => r.map((e) => e.logPosition ?? e.position);
    expect(text(sortByLogPosition(rows, 'ascending'))).toEqual(['0/1', '0/2', 'p0@1', 'p0@2']);
    expect(text(sortByLogPosition(rows, 'descending'))).toEqual(['0/2', '0/1', 'p0@2', 'p0@1']);
    expect(text(rows)).toEqual(['p0@2', '0/2', 'p0@1', '0/1']);
  });
});
