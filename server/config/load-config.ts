import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { parse as parseYaml } from 'yaml';
import { configSchema, formatConfigIssues, DEMO_CONFIG_INPUT, type Config } from '../../lib/config/schema';
import { errorMessage } from '../../lib/error-message';

type Env = Record<string, string | undefined>;

/** A configuration problem, phrased for the operator: which field, what was expected. */
export class ConfigError extends Error {
  constructor(
    readonly problems: string[],
    readonly file?: string,
  ) {
    super(`invalid configuration${file ? ` in ${file}` : ''}:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Replaces `${NAME}` in every string with the environment variable, so secrets
 * can stay out of the file (`${HOSTNAME}` is the host name when unset). An
 * unset variable is an error, not an empty string:
 * a silently empty password is a worse failure than a refusal to start.
 */
export function interpolateEnv(value: unknown, env: Env, path: string[] = [], missing: string[] = []): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const v = env[name];
      if (v === undefined) missing.push(`${path.join('.') || '(root)'}: environment variable ${name} is not set`);
      return v ?? '';
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateEnv(v, env, [...path, String(i)], missing));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolateEnv(v, env, [...path, k], missing)]),
    );
  }
  return value;
}

function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([`cannot read the file: ${errorMessage(err)}`], file);
  }
  try {
    return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ConfigError([`not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${errorMessage(err)}`], file);
  }
}

/**
 * Loads the configuration from `CDCSCOPE_CONFIG` (YAML or JSON), or the demo
 * pipeline when unset. `CDCSCOPE_HOST` / `CDCSCOPE_PORT` (or `PORT`) override the listen address.
 */
export function loadConfig(env: Env = process.env): Config {
  const file = env.CDCSCOPE_CONFIG?.trim() || undefined;
  const raw = file ? readConfigFile(file) : structuredClone(DEMO_CONFIG_INPUT);
  const missing: string[] = [];
  // bash keeps HOSTNAME as an unexported shell variable, so `instanceId: "${HOSTNAME}"` would be unset
  // under most service managers: the machine's own name is the default.
  const input = interpolateEnv(raw, { HOSTNAME: hostname(), ...env }, [], missing);
  if (missing.length) throw new ConfigError(missing, file);

  const withOverrides = applyServerOverrides(input, env);
  const result = configSchema.safeParse(withOverrides);
  if (!result.success) throw new ConfigError(formatConfigIssues(result.error), file);
  return result.data;
}

function applyServerOverrides(input: unknown, env: Env): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  const server: Record<string, unknown> = { ...((input as { server?: object }).server ?? {}) };
  const port = env.CDCSCOPE_PORT ?? env.PORT;
  if (port !== undefined && port !== '') server.port = Number(port);
  if (env.CDCSCOPE_HOST) server.host = env.CDCSCOPE_HOST;
  return { ...input, server };
}
