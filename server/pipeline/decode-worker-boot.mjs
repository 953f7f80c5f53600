// Entry of a decode worker thread: the server and the tests run TypeScript through tsx, whose loader a worker
// thread does not inherit, so it is registered here before the worker's own module is loaded. The package is
// CommonJS (no "type"), so the worker's TypeScript is loaded as the server's is: through tsx's require hook.
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

register();
createRequire(import.meta.url)('./decode-worker.ts');
