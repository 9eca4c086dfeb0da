// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apiTypesText, protocolDocument } from '../scripts/api-types.js';

describe('the REST client types', () => {
  it('are the ones generated from the api’s current OpenAPI document', async () => {
    const committed = readFileSync(fileURLToPath(new URL('../src/api/schema.d.ts', import.meta.url)), 'utf8');
    const fresh = await apiTypesText(await protocolDocument());
    // When this fails: npm run gen:api -w @stepwise/console
    expect(committed).toBe(fresh);
  });
});
