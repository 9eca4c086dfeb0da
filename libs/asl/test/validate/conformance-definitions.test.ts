// Every definition of the conformance corpus was accepted by AWS, so none may get an ERROR here.
// The corpus is read in place from the shared folder; the test skips cleanly where it is absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../src/definition/validate.js';

const CASES = fileURLToPath(new URL('../../../../../shared/conformance/cases', import.meta.url));
const present = existsSync(CASES);

interface Case {
  readonly id: string;
  readonly definition: unknown;
}

function loadCases(): Case[] {
  return readdirSync(CASES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(`${CASES}/${f}`, 'utf8')) as Case);
}

describe.skipIf(!present)('definitions AWS accepted (conformance corpus)', () => {
  const cases = present ? loadCases() : [];

  it('holds the 337 recorded definitions', () => {
    expect(cases.length).toBe(337);
  });

  it('validates every one of them with zero ERROR diagnostics', () => {
    const failures = cases
      .map((c) => ({ id: c.id, errors: validateDefinition(c.definition).filter((d) => d.severity === 'ERROR') }))
      .filter((r) => r.errors.length > 0);
    expect(failures).toEqual([]);
  });

  it('validates their JSON text the same way as the parsed definition', () => {
    for (const c of cases) {
      expect(validateDefinition(JSON.stringify(c.definition))).toEqual(validateDefinition(c.definition));
    }
  });
});
