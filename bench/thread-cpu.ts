// CPU time of this process's main thread and of the whole process (Linux /proc), for the ingest benches (issue #11,
// target 3): with decode workers the main thread is the bottleneck, and its CPU time per event is a figure a
// loaded machine disturbs far less than a rate.
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on every Linux build in use). */
const TICKS_PER_SECOND = 100;

function ticksOf(statPath: string): number {
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14th and 15th.
  const stat = readFileSync(statPath, 'utf8');
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(rest[11]) + Number(rest[12]);
}

/** Milliseconds of CPU of the main thread, of each other thread (workers, GC, libuv), and of all; undefined off Linux. */
export function cpuTimes(): { mainMs: number; otherMs: number; processMs: number } | undefined {
  try {
    const pid = process.pid;
    let other = 0;
    for (const tid of readdirSync('/proc/self/task'))
      if (Number(tid) !== pid) other += ticksOf(`/proc/self/task/${tid}/stat`);
    const main = ticksOf(`/proc/self/task/${pid}/stat`);
    const ms = (t: number) => (t * 1000) / TICKS_PER_SECOND;
    return { mainMs: ms(main), otherMs: ms(other), processMs: ms(ticksOf('/proc/self/stat')) };
  } catch {
    return undefined;
  }
}
