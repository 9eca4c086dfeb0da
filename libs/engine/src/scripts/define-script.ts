/**
 * Loads the Lua scripts (one per atomic transition, side by side with their typed wrappers) and
 * registers them on an ioredis connection, so calls go by EVALSHA and fall back to EVAL after a
 * Redis restart flushed the script cache. `-- @include name` lines pull in scripts/includes/;
 * `-- @function name other.lua` makes another whole script a local function of (KEYS, ARGV), so
 * one atomic script can run two transitions with each one's own checks.
 * The .lua files are read from src/ in both the source and the built layout.
 */
import { readFileSync } from 'node:fs';
import type { ChainableCommander, Redis } from 'ioredis';

const dir = new URL('../../src/scripts/', import.meta.url);

function loadLua(file: string): string {
  const text = readFileSync(new URL(file, dir), 'utf8');
  return text
    .replace(/^-- @function (\w+) (\S+)$/gm, (_m, name: string, other: string) => `local function ${name}(KEYS, ARGV)\n${loadLua(other)}\nend`)
    .replace(/^-- @include (\S+)$/gm, (_m, name: string) => readFileSync(new URL(`includes/${name}.lua`, dir), 'utf8'));
}

export type RedisReply = string | number | null | RedisReply[];
type Caller = Record<string, (...args: (string | number)[]) => Promise<unknown>>;

export interface Script {
  readonly name: string;
  /** Runs the script with its keys and arguments. */
  run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<RedisReply[]>;
  /** Queues the script in a pipeline (same round trip as the commands around it). */
  queue(pipe: ChainableCommander, keys: readonly string[], args: readonly (string | number)[]): void;
}

const registered = new WeakMap<Redis, Set<string>>();

function ensure(root: Redis, name: string, lua: string): void {
  let set = registered.get(root);
  if (!set) {
    set = new Set();
    registered.set(root, set);
  }
  if (!set.has(name)) {
    root.defineCommand(name, { lua });
    set.add(name);
  }
}

/** One script: file name under scripts/ (the command is named after it). */
export function defineScript(file: string): Script & { register(redis: Redis): void } {
  const name = `sw_${file.replace(/\.lua$/, '').replace(/-/g, '_')}`;
  const lua = loadLua(file);
  return {
    name,
    register(redis) {
      ensure(redis, name, lua);
    },
    async run(redis, keys, args) {
      ensure(redis, name, lua);
      const fn = (redis as unknown as Caller)[name];
      if (!fn) throw new Error(`script ${name} is not registered`);
      return (await fn.call(redis, keys.length, ...keys, ...args)) as RedisReply[];
    },
    queue(pipe, keys, args) {
      const fn = (pipe as unknown as Caller)[name];
      if (!fn) throw new Error(`script ${name} is not registered on this connection: call registerScripts() before pipeline()`);
      void fn.call(pipe, keys.length, ...keys, ...args);
    },
  };
}
