// The JSON Schema editors use and the checks the runner enforces describe the same format.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CASE_KEYS, EXPECT_KEYS, FILE_KEYS } from '../src/test-file/validate-test-file.js';

const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../schema/stepwise-test.schema.json', import.meta.url)), 'utf8'));

describe('stepwise-test.schema.json', () => {
  it('names the same fields as the runner, at every level', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...FILE_KEYS].sort());
    expect(Object.keys(schema.$defs.Case.properties).sort()).toEqual([...CASE_KEYS].sort());
    expect(Object.keys(schema.$defs.Expectations.properties).sort()).toEqual(Object.keys(EXPECT_KEYS).sort());
  });

  it('allows the attempt keys AWS allows and no others', () => {
    const pattern = new RegExp(schema.$defs.MockedResponse.propertyNames.pattern);
    expect(['0', '1', '12', '1-2', '0-10'].every((k) => pattern.test(k))).toBe(true);
    expect(['01', 'a', '1-', '-1', '1-2-3', ''].some((k) => pattern.test(k))).toBe(false);
  });
});
