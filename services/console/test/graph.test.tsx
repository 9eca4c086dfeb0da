import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import fixtureJson from './fixtures/all-states.asl.json';
import { allStates, definitionGraph, END_ID, START_ID } from '../src/graph/definition-graph.js';
import { layoutGraph } from '../src/graph/layout.js';
import { StateGraph } from '../src/graph/StateGraph.js';

const fixture: unknown = fixtureJson;

describe('definitionGraph', () => {
  const g = definitionGraph(fixture);

  it('makes one node per state, nested ones included, identified by JSON pointer', () => {
    const ids = allStates(g).map((s) => s.id);
    expect(ids).toEqual([
      '/States/Prepare', '/States/Decide', '/States/Pause', '/States/Fan out',
      '/States/Fan out/Branches/0/States/Call', '/States/Fan out/Branches/1/States/Each',
      '/States/Fan out/Branches/1/States/Each/ItemProcessor/States/Work',
      '/States/Approve', '/States/Nothing to do', '/States/Done', '/States/Broken',
    ]);
  });

  it('marks the start and the end states and links the Start and End markers', () => {
    const byName = new Map(allStates(g).map((s) => [s.name, s]));
    expect(byName.get('Prepare')?.isStart).toBe(true);
    expect(byName.get('Done')?.isEnd).toBe(true);
    expect(byName.get('Broken')?.isEnd).toBe(true);
    expect(byName.get('Call')?.isStart && byName.get('Call')?.isEnd).toBe(true);
    expect(g.edges).toContainEqual(expect.objectContaining({ source: START_ID, target: '/States/Prepare', kind: 'start' }));
    expect(g.edges.filter((e) => e.target === END_ID).map((e) => e.source).sort()).toEqual(['/States/Broken', '/States/Done', '/States/Nothing to do']);
  });

  it('labels Choice rules, Default, Catch and Retry edges', () => {
    const labels = (kind: string): (string | undefined)[] => [
      ...g.edges.filter((e) => e.kind === kind).map((e) => e.label),
      ...g.states.flatMap((s) => s.scopes.flatMap((sc) => sc.edges.filter((e) => e.kind === kind).map((e) => e.label))),
    ];
    expect(labels('choice')).toEqual(['$.p.n NumericGreaterThan 2', '$.p.n IsPresent true and $.p.n NumericEquals 0']);
    expect(labels('default')).toEqual(['Default']);
    expect(labels('catch')).toEqual(['Catch: States.ALL']);
    expect(labels('retry')).toEqual(['Retry: States.Timeout ×2']);
  });

  it('labels a JSONata Choice condition without its {% %} delimiters', () => {
    const gj = definitionGraph({ QueryLanguage: 'JSONata', StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.x > 1 %}', Next: 'S' }], Default: 'S' }, S: { Type: 'Succeed' } } });
    expect(gj.edges.find((e) => e.kind === 'choice')?.label).toBe('$states.input.x > 1');
  });

  it('draws what it can of a half-typed definition', () => {
    const partial = definitionGraph({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Missing' }, B: 7 } });
    expect(partial.states.map((s) => [s.name, s.type])).toEqual([['A', 'Pass'], ['B', 'Unknown']]);
    expect(partial.edges.filter((e) => e.kind === 'next')).toEqual([]);
    expect(definitionGraph('not json').states).toEqual([]);
  });
});

describe('layoutGraph', () => {
  it('nests branches inside the Parallel group and the item processor inside the Map group', () => {
    const layout = layoutGraph(definitionGraph(fixture));
    const node = (id: string) => layout.nodes.find((n) => n.id === id);
    expect(node('/States/Fan out')?.kind).toBe('group');
    expect(node('/States/Fan out/Branches/0')).toMatchObject({ kind: 'branch', parentId: '/States/Fan out' });
    expect(node('/States/Fan out/Branches/0/States/Call')?.parentId).toBe('/States/Fan out/Branches/0');
    expect(node('/States/Fan out/Branches/1/States/Each')).toMatchObject({ kind: 'group', parentId: '/States/Fan out/Branches/1' });
    expect(node('/States/Fan out/Branches/1/States/Each/ItemProcessor/States/Work')?.parentId).toBe('/States/Fan out/Branches/1/States/Each');
    // A child fits inside its parent.
    for (const n of layout.nodes) {
      if (!n.parentId) continue;
      const p = node(n.parentId)!;
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.x + n.width).toBeLessThanOrEqual(p.width + 0.5);
      expect(n.y + n.height).toBeLessThanOrEqual(p.height + 0.5);
    }
    // Routed edges carry absolute points; Retry is a self-loop without a route.
    expect(layout.edges.find((e) => e.kind === 'next')?.points.length).toBeGreaterThanOrEqual(2);
    expect(layout.edges.find((e) => e.kind === 'retry')?.points).toEqual([]);
  });

  it('lays out 200 states quickly', () => {
    const states: Record<string, unknown> = {};
    for (let i = 0; i < 200; i++) states[`S${i}`] = i === 199 ? { Type: 'Succeed' } : { Type: 'Pass', Next: `S${i + 1}` };
    const t0 = performance.now();
    const layout = layoutGraph(definitionGraph({ StartAt: 'S0', States: states }));
    expect(layout.nodes.length).toBe(202);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('StateGraph', () => {
  it('gives each state an accessible name with its name, type and status', () => {
    const statuses = new Map([['/States/Prepare', 'succeeded' as const], ['/States/Approve', 'waiting' as const]]);
    render(<StateGraph definition={fixture} statuses={statuses} />);
    expect(screen.getByLabelText('Prepare, Pass state, Succeeded')).toBeTruthy();
    expect(screen.getByLabelText('Approve, Task state, Waiting')).toBeTruthy();
    expect(screen.getByLabelText('Decide, Choice state, Not reached')).toBeTruthy();
    expect(screen.getByLabelText('Fan out, Parallel state, Not reached')).toBeTruthy();
  });

  it('renders a hostile state name as text, not HTML', () => {
    const name = '<img src=x onerror=alert(1)>';
    const { container } = render(<StateGraph definition={{ StartAt: name, States: { [name]: { Type: 'Succeed' } } }} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getAllByText(name).length).toBeGreaterThan(0);
  });
});
