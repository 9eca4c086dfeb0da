/**
 * Generates src/api/schema.d.ts (the REST client's types) from the api's OpenAPI 3.1 document,
 * so the console's client is never written by hand. The document comes from libs/protocol's data
 * (the same object the api serves at /openapi.json), or from a running api when a URL is given:
 *
 *   npm run gen:api -w @stepwise/console                       # from libs/protocol
 *   npm run gen:api -w @stepwise/console -- http://127.0.0.1:8083/openapi.json
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apiTypesText, protocolDocument } from './api-types.js';

async function loadDocument(source: string | undefined): Promise<Record<string, unknown>> {
  if (source?.startsWith('http')) {
    const res = await fetch(source);
    if (!res.ok) throw new Error(`${source}: HTTP ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  }
  return protocolDocument();
}

const out = fileURLToPath(new URL('../src/api/schema.d.ts', import.meta.url));
writeFileSync(out, await apiTypesText(await loadDocument(process.argv[2])));
console.log(`wrote ${out}`);
