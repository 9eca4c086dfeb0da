// validateDefinition never throws and never trips over its own checks: every definition of the
// corpus (or a built-in sample where the corpus is absent) is mutated many times — a value
// replaced by null, a number, a string, an array or an object — and each result must be a list
// of well-formed diagnostics, none of them the fallback for an internal error.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../src/definition/validate.js';

const CASES = fileURLToPath(new URL('../../../../../shared/conformance/cases', import.meta.url));

const SAMPLE = {
  StartAt: 'T',
  States: {
    T: {
      Type: 'Task',
      Resource: 'r',
      Parameters: { 'a.$': '$.a' },
      Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }],
      Next: 'C',
    },
    C: { Type: 'Choice', Choices: [{ And: [{ Variable: '$.x', IsPresent: true }], Next: 'M' }], Default: 'F' },
    M: { Type: 'Map', ItemsPath: '$.i', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, End: true } } }], End: true } } }, Next: 'J' },
    J: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input %}', Assign: { v: 1 }, Next: 'S' },
    S: { Type: 'Succeed' },
    F: { Type: 'Fail', Error: 'E' },
  },
};

function definitions(): unknown[] {
  if (!existsSync(CASES)) return [SAMPLE];
  return [SAMPLE, ...readdirSync(CASES).filter((f) => f.endsWith('.json')).map((f) => (JSON.parse(readFileSync(`${CASES}/${f}`, 'utf8')) as { definition: unknown }).definition)];
}

/** Deterministic PRNG (mulberry32), so a failure reproduces. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Container = Record<string, unknown> | unknown[];

/** Every (container, key) pair of a JSON value. */
function slots(v: unknown, out: [Container, string | number][] = []): [Container, string | number][] {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      out.push([v, i]);
      slots(x, out);
    });
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push([v as Record<string, unknown>, k]);
      slots(x, out);
    }
  }
  return out;
}

const REPLACEMENTS: unknown[] = [null, -1, 1.5, 'x', '$.[', '{% ( %}', 'States.ALL', [], {}, true];

describe('validation robustness', () => {
  it('returns well-formed diagnostics for thousands of mutated definitions, never an internal error', () => {
    const random = rng(42);
    let checked = 0;
    for (const def of definitions()) {
      for (let m = 0; m < 12; m++) {
        const copy = structuredClone(def);
        const all = slots(copy);
        const pick = all[Math.floor(random() * all.length)];
        if (pick === undefined) continue;
        const [container, key] = pick;
        const replacement = REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)];
        if (random() < 0.2 && !Array.isArray(container)) delete container[key as string];
        else (container as Record<string | number, unknown>)[key] = replacement;
        const diagnostics = validateDefinition(copy);
        checked++;
        for (const d of diagnostics) {
          expect(d.message).not.toMatch(/could not be validated/);
          expect(['ERROR', 'WARNING']).toContain(d.severity);
          expect(d.location === '' || d.location.startsWith('/')).toBe(true);
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('turns unexpected inputs into diagnostics', () => {
    for (const input of [undefined, 0, true, 'null', '"text"', '[1]', '{"StartAt": 1, "States": []}', { StartAt: 'A', States: { A: null } }]) {
      const d = validateDefinition(input);
      expect(d.length).toBeGreaterThan(0);
      expect(d.every((x) => x.severity === 'ERROR')).toBe(true);
    }
  });
});
