import { describe, expect, it } from 'vitest';
import { layered, rankNodes } from '../src/graph/layered.js';
import { definitionGraph } from '../src/graph/definition-graph.js';
import { layoutGraph } from '../src/graph/layout.js';

const node = (id: string) => ({ id, width: 100, height: 40 });

describe('layered', () => {
  it('ranks by longest path and finds back edges', () => {
    const edges = [
      { id: 'ab', source: 'a', target: 'b' },
      { id: 'bc', source: 'b', target: 'c' },
      { id: 'ac', source: 'a', target: 'c' },
      { id: 'ca', source: 'c', target: 'a' },
    ];
    const { rank, back } = rankNodes(['a', 'b', 'c'], edges, 'a');
    expect([rank.get('a'), rank.get('b'), rank.get('c')]).toEqual([0, 1, 2]);
    expect([...back]).toEqual(['ca']);
  });

  it('routes one-rank edges straight, long ones down the right and back edges up the left', () => {
    const edges = [
      { id: 'ab', source: 'a', target: 'b' },
      { id: 'bc', source: 'b', target: 'c' },
      { id: 'ac', source: 'a', target: 'c' },
      { id: 'ca', source: 'c', target: 'a' },
    ];
    const r = layered(['a', 'b', 'c'].map(node), edges, 'a');
    const a = r.positions.get('a')!;
    const b = r.positions.get('b')!;
    expect(b.y).toBeGreaterThan(a.y);
    expect(r.routes.get('ab')).toHaveLength(2);
    const right = Math.max(...['a', 'b', 'c'].map((n) => r.positions.get(n)!.x + 100));
    const left = Math.min(...['a', 'b', 'c'].map((n) => r.positions.get(n)!.x));
    expect(r.routes.get('ac')!.some((p) => p.x > right)).toBe(true);
    expect(r.routes.get('ca')!.some((p) => p.x < left)).toBe(true);
    // Every route stays inside the box the layout reports.
    for (const route of r.routes.values()) for (const p of route) expect(p.x >= 0 && p.x <= r.width).toBe(true);
  });

  it('places a Choice’s two targets side by side without overlap', () => {
    const r = layered(['c', 'x', 'y'].map(node), [{ id: '1', source: 'c', target: 'x' }, { id: '2', source: 'c', target: 'y' }], 'c');
    const x = r.positions.get('x')!;
    const y = r.positions.get('y')!;
    expect(x.y).toBe(y.y);
    expect(Math.abs(x.x - y.x)).toBeGreaterThanOrEqual(100);
  });

  it('lays out 1,000 states whose Catches all lead to one Fail state in well under a second', () => {
    const states: Record<string, unknown> = {};
    for (let i = 0; i < 998; i++) states[`S${i}`] = { Type: 'Task', Resource: 'arn:aws:states:::http:invoke', Next: i === 997 ? 'Done' : `S${i + 1}`, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }] };
    states['Done'] = { Type: 'Succeed' };
    states['Failed'] = { Type: 'Fail' };
    const t0 = performance.now();
    const layout = layoutGraph(definitionGraph({ StartAt: 'S0', States: states }));
    expect(layout.nodes).toHaveLength(1002);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
