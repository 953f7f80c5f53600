import '../server-only';
import { createDemoConnect, DEMO_CONNECT_URL } from '../../lib/demo/connectors';
import type { Result } from '../../lib/result';
import type { ConnectClient } from './connect-client';

/** The demo's simulated Connect cluster (lib/demo/connectors.ts) behind the same client interface as a real one. */
export function createDemoConnectClient(seed: number, now: () => number = Date.now): ConnectClient {
  const demo = createDemoConnect({ seed, start: now() });
  const settle = (r: Result<string>) => {
    if (!r.ok) throw new Error(`Kafka Connect answered ${r.error}`);
    return Promise.resolve(r.value);
  };
  return {
    url: DEMO_CONNECT_URL,
    status: () => Promise.resolve(demo.status(now())),
    pause: (c) => settle(demo.pause(c, now())),
    resume: (c) => settle(demo.resume(c, now())),
    restartTask: (c, t) => settle(demo.restartTask(c, t, now())),
  };
}
