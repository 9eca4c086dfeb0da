/**
 * console-graph: time to the first drawn graph of a definition of 20, 200 and 1,000 states in
 * headless Debian chromium, from navigation start to the `stepwise:graph-drawn` mark (which the
 * graph sets in the frame after its nodes are in the DOM), and from the app's start (script
 * loaded) to that mark (layout + render alone). Goal: 200 states ≤ 1 s. Median of 3 loads.
 * Needs the console built (`npm run bench:console` builds it) and /usr/bin/chromium.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CONSOLE_DIST, countStates, generatedDefinition, serveConsole } from './console-support.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SIZES = [20, 200, 1000];
const RUNS = 3;

export interface GraphResult {
  readonly scenario: 'console-graph';
  readonly states?: number;
  readonly nodes?: number;
  readonly msFromNavigation?: number;
  readonly msFromAppStart?: number;
  readonly goalMs?: number;
  readonly note?: string;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function run(): Promise<GraphResult[]> {
  if (!existsSync(CHROMIUM)) return [{ scenario: 'console-graph', note: `${CHROMIUM} missing: skipped` }];
  if (!existsSync(path.join(CONSOLE_DIST, 'index.html'))) return [{ scenario: 'console-graph', note: 'console not built (npm run build -w @stepwise/console): skipped' }];
  const { chromium } = await import('playwright-core');
  const server = await serveConsole();
  const profile = mkdtempSync(path.join(tmpdir(), 'stepwise-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1440, height: 900 } });
  const out: GraphResult[] = [];
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/preview`);
    for (const size of SIZES) {
      const def = generatedDefinition(size);
      const nav: number[] = [];
      const app: number[] = [];
      let nodes = 0;
      for (let r = 0; r < RUNS; r++) {
        // Page code as text: this file is type-checked for Node, without the DOM library.
        await page.evaluate(`sessionStorage.setItem('stepwise:preview', ${JSON.stringify(JSON.stringify(def))})`);
        await page.goto(`${server.url}/preview`);
        await page.waitForFunction(`performance.getEntriesByName('stepwise:graph-drawn').length > 0`, undefined, { timeout: 60_000 });
        const t = (await page.evaluate(`({
          drawn: performance.getEntriesByName('stepwise:graph-drawn')[0].startTime,
          start: performance.getEntriesByName('stepwise:app-start')[0].startTime,
          nodes: document.querySelectorAll('.react-flow__node').length,
        })`)) as { drawn: number; start: number; nodes: number };
        nav.push(t.drawn);
        app.push(t.drawn - t.start);
        nodes = t.nodes;
      }
      out.push({ scenario: 'console-graph', states: countStates(def), nodes, msFromNavigation: Math.round(median(nav)), msFromAppStart: Math.round(median(app)), ...(size === 200 ? { goalMs: 1000 } : {}) });
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
  return out;
}
