import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import fixtureJson from './fixtures/all-states.asl.json';
import { ExecutionView } from '../src/execution/ExecutionView.js';
import { HistoryTable } from '../src/execution/HistoryTable.js';
import { buildExecutionModel } from '../src/execution/history-model.js';
import { historyBuilder, waitingApprovalHistory } from './fixtures/history.js';

const now = Date.parse('2026-01-01T01:00:00Z');

describe('ExecutionView', () => {
  it('colours the graph by what happened, in names and words', () => {
    render(<ExecutionView definition={fixtureJson} events={waitingApprovalHistory()} now={now} />);
    expect(screen.getByLabelText('Prepare, Pass state, Succeeded')).toBeTruthy();
    expect(screen.getByLabelText('Call, Task state, Retried')).toBeTruthy();
    expect(screen.getByLabelText('Approve, Task state, Waiting')).toBeTruthy();
    expect(screen.getByLabelText('Done, Succeed state, Not reached')).toBeTruthy();
  });

  it('inspects a state chosen with the keyboard, showing a hostile payload as text', () => {
    const { container } = render(<ExecutionView definition={fixtureJson} events={waitingApprovalHistory()} now={now} />);
    const node = screen.getByLabelText('Approve, Task state, Waiting');
    node.focus();
    fireEvent.keyDown(node, { key: 'Enter' });
    const panel = screen.getByLabelText('State Approve');
    expect(within(panel).getByText(/<img src=x onerror=alert\(1\)>/)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });

  it('shows the error and cause of a failed attempt', () => {
    render(<ExecutionView definition={fixtureJson} events={waitingApprovalHistory()} now={now} />);
    fireEvent.click(screen.getByLabelText('Call, Task state, Retried'));
    const panel = screen.getByLabelText('State Call');
    expect(within(panel).getByText('States.Timeout')).toBeTruthy();
    expect(within(panel).getByText('slow <b>server</b>')).toBeTruthy();
    expect(within(panel).getByText('2')).toBeTruthy();
  });

  it('drills into one Map iteration from the map run', () => {
    render(<ExecutionView definition={fixtureJson} events={waitingApprovalHistory()} now={now} />);
    fireEvent.click(screen.getByRole('tab', { name: /Map runs/ }));
    const run = screen.getByLabelText('Map run of Each');
    expect(within(run).getByText('✓ Succeeded: 2')).toBeTruthy();
    expect(within(run).getByText('✗ Failed: 1')).toBeTruthy();
    fireEvent.click(within(run).getByText(/Item 1 —/));
    fireEvent.click(within(run).getByLabelText('Work, Pass state, Succeeded'));
    expect(within(screen.getByLabelText('State Work')).getByText('10')).toBeTruthy();
  });
});

describe('HistoryTable', () => {
  it('filters the history by kind and text, and renders only visible rows of 25,000', () => {
    const { add, events } = historyBuilder();
    let p = add('ExecutionStarted', 0, { input: '{}' });
    for (let i = 0; i < 12_500; i++) {
      p = add('PassStateEntered', p, { name: `S${i}`, input: '{}' });
      p = add(i === 7 ? 'TaskFailed' : 'PassStateExited', p, { name: `S${i}`, output: '{}', error: 'E', cause: '<script>x</script>' });
    }
    const model = buildExecutionModel(events);
    const { container } = render(<HistoryTable rows={model.rows} startedAt={model.startedAt} />);
    expect(screen.getByText('25001 of 25001 events')).toBeTruthy();
    const visible = container.querySelectorAll('[role=row]').length;
    expect(visible).toBeGreaterThan(5);
    expect(visible).toBeLessThan(100);
    fireEvent.change(screen.getByLabelText('Event kind'), { target: { value: 'Errors and failures' } });
    expect(screen.getByText('1 of 25001 events')).toBeTruthy();
    expect(screen.getByText(/TaskFailed/)).toBeTruthy();
    expect(container.querySelector('script')).toBeNull();
  });
});
