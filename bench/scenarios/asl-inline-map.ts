/**
 * asl-inline-map: an inline Map over 1,000 items (ItemSelector + a Pass per item), the cost of
 * fan-out/join through child frames. Goal: ≥10× aws-local-stepfunctions.
 */
import { compareEngines, type BenchResult } from './harness.js';

const ITEMS = 1000;

const definition = {
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      MaxConcurrency: 0,
      ItemSelector: { 'value.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index' },
      ItemProcessor: { StartAt: 'Touch', States: { Touch: { Type: 'Pass', Parameters: { 'v.$': '$.value' }, End: true } } },
      End: true,
    },
  },
};

export async function run(): Promise<BenchResult[]> {
  const input = { items: Array.from({ length: ITEMS }, (_, i) => i) };
  // transitions: the Map state plus one Pass per item
  return compareEngines('asl-inline-map', definition, input, ITEMS + 1, { stepwise: 20, baseline: 5 }, (o) => Array.isArray(o) && o.length === ITEMS);
}
