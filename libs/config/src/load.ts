/**
 * Reads the configuration once from an environment object, validates it and freezes it. Errors
 * name the variable and what to set, so a service that cannot start says how to fix it.
 */
import { configSchema, type Config } from './schema.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const present: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') present[k] = v;
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = i.path.join('.');
      return `  ${key}=${JSON.stringify(present[key] ?? '')}: ${i.message}`;
    });
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}\nFix these environment variables and start again.`);
  }
  const cfg = parsed.data;
  if (cfg.STEPWISE_ENV === 'production' && cfg.STEPWISE_TIME_SCALE !== 1) {
    throw new ConfigError('STEPWISE_TIME_SCALE is for local and test use only and is refused when STEPWISE_ENV=production: unset it.');
  }
  return Object.freeze(cfg);
}
