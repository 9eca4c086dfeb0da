/** The configuration as it may be logged: secrets replaced, so startup logs can show what runs. */
import type { Config } from './schema.js';

const SECRET_KEYS: ReadonlySet<keyof Config> = new Set(['STEPWISE_ACCESS_KEYS', 'STEPWISE_API_TOKENS']);

export function redactConfig(cfg: Config): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(cfg)) {
    if (SECRET_KEYS.has(k as keyof Config)) out[k] = v ? '<redacted>' : '';
    else if (k === 'REDIS_URL' && typeof v === 'string') out[k] = v.replace(/\/\/([^@/]*)@/, '//<redacted>@');
    else out[k] = v;
  }
  return out;
}
