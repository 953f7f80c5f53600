import { ConfigError, loadConfig } from './config/load-config';

/** `npm start` runs this before building the app: a bad configuration should not wait for a build to be reported. */
try {
  loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`cdcscope: ${err.message}`);
  process.exit(2);
}
