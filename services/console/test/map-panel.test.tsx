import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MapPanel } from '../src/execution/MapPanel.js';
import { buildExecutionModel } from '../src/execution/history-model.js';
import { historyBuilder } from './fixtures/history.js';

const mapState = { Type: 'Map', ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Pass', End: true } } }, End: true };

function tenThousandItems() {
  const { add, events } = historyBuilder();
  let p = add('ExecutionStarted', 0, { input: '{}' });
  p = add('MapStateEntered', p, { name: 'Each', input: '[]' });
  const ms = add('MapStateStarted', p, { length: 10_000 });
  for (let i = 0; i < 10_000; i++) {
    const it = add('MapIterationStarted', ms, { name: 'Each', index: i });
    if (i === 9_999) continue; // the last one still runs
    let w = add('PassStateEntered', it, { name: 'Work', input: String(i) });
    w = add('PassStateExited', w, { name: 'Work', output: JSON.stringify({ item: i }) });
    add(i % 1000 === 7 ? 'MapIterationFailed' : 'MapIterationSucceeded', w, { name: 'Each', index: i });
  }
  return events;
}

describe('MapPanel', () => {
  it('counts 10,000 iterations by status, lists them virtualised and drills into one', () => {
    const t0 = performance.now();
    const model = buildExecutionModel(tenThousandItems());
    expect(performance.now() - t0).toBeLessThan(2000);
    const map = model.maps.get('Each')!;
    const { container } = render(<MapPanel map={map} model={model} stateDefinition={mapState} now={Date.now()} />);
    const counts = screen.getByRole('list', { name: 'Iterations by status' });
    expect(within(counts).getByText('Started: 10000')).toBeTruthy();
    expect(within(counts).getByText('✓ Succeeded: 9989')).toBeTruthy();
    expect(within(counts).getByText('✗ Failed: 10')).toBeTruthy();
    expect(within(counts).getByText('◔ Running: 1')).toBeTruthy();
    const options = container.querySelectorAll('[role=option]');
    expect(options.length).toBeGreaterThan(5);
    expect(options.length).toBeLessThan(100);
    fireEvent.click(screen.getByText(/Item 7 —/));
    fireEvent.click(screen.getByLabelText('Work, Pass state, Succeeded'));
    expect(within(screen.getByLabelText('State Work')).getByText(/"item": 7/)).toBeTruthy();
  });
});
