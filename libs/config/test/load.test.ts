import { describe, expect, it } from 'vitest';
import { loadConfig, loadConfigOrExit, redactConfig, ConfigError, CONFIG_ERROR_EXIT_CODE } from '../src/index.js';

describe('loadConfig', () => {
  it('gives the local defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c.STEPWISE_REGION).toBe('us-east-1');
    expect(c.STEPWISE_ACCOUNT_ID).toBe('123456789012');
    expect(c.STEPWISE_MAX_PAYLOAD_BYTES).toBe(262144);
    expect(c.REDIS_URL).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('names the variable that is wrong and what to do', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty"/);
  });

  it('refuses a time scale in production', () => {
    expect(() => loadConfig({ STEPWISE_ENV: 'production', STEPWISE_TIME_SCALE: '3600' })).toThrow(/refused when STEPWISE_ENV=production/);
    expect(loadConfig({ STEPWISE_TIME_SCALE: '3600' }).STEPWISE_TIME_SCALE).toBe(3600);
  });

  it('redacts secrets and Redis passwords for logs', () => {
    const c = loadConfig({ REDIS_URL: 'redis://user:pw@127.0.0.1:6379', STEPWISE_API_TOKENS: 'abc' });
    const r = redactConfig(c);
    expect(r['REDIS_URL']).toBe('redis://<redacted>@127.0.0.1:6379');
    expect(r['STEPWISE_API_TOKENS']).toBe('<redacted>');
  });
});

describe('loadConfigOrExit', () => {
  const io = () => {
    const out = { text: '', code: undefined as number | undefined };
    return {
      out,
      io: {
        stderr: { write: (t: string) => (out.text += t) },
        exit: (code: number): never => {
          out.code = code;
          throw new Error('exited');
        },
      },
    };
  };

  it('answers the configuration when it is valid', () => {
    const { out, io: sink } = io();
    expect(loadConfigOrExit({ PORT: '9000' }, sink).PORT).toBe(9000);
    expect(out).toEqual({ text: '', code: undefined });
  });

  it('reports a configuration error as its message alone and exits with 2', () => {
    const { out, io: sink } = io();
    expect(() => loadConfigOrExit({ PORT: 'eighty' }, sink)).toThrow('exited');
    expect(out.code).toBe(CONFIG_ERROR_EXIT_CODE);
    expect(out.code).toBe(2);
    expect(out.text).toMatch(/^invalid configuration:\n {2}PORT="eighty"/);
    expect(out.text).not.toMatch(/at loadConfig/);
  });
});
