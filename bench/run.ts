/**
 * `npm run bench`: runs every scenario in bench/scenarios (each file exports `run()` returning
 * JSON-line results) and prints one JSON object per line. See bench/README.md.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface Scenario {
  run(): Promise<unknown[]>;
}

const dir = fileURLToPath(new URL('./scenarios/', import.meta.url));
const only = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'harness.ts')
  .filter((f) => only === undefined || f.includes(only))
  .sort();
for (const f of files) {
  const mod = (await import(pathToFileURL(dir + f).href)) as Partial<Scenario>;
  if (typeof mod.run !== 'function') continue;
  for (const line of await mod.run()) console.log(JSON.stringify(line));
}
