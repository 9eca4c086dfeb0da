import { describe, expect, it } from 'vitest';
import { buildExecutionModel, iterationEvents } from '../src/execution/history-model.js';
import { historyBuilder, waitingApprovalHistory } from './fixtures/history.js';

describe('buildExecutionModel', () => {
  const model = buildExecutionModel(waitingApprovalHistory());
  const status = (name: string) => model.states.get(name)?.status;

  it('gives each state the status of what happened to it', () => {
    expect(status('Prepare')).toBe('succeeded');
    expect(status('Call')).toBe('retried');
    expect(model.states.get('Call')?.attempts).toBe(2);
    expect(status('Fan out')).toBe('succeeded');
    expect(status('Approve')).toBe('waiting');
    expect(status('Done')).toBeUndefined();
  });

  it('attributes task events to their state through previousEventId', () => {
    const failed = model.rows.find((r) => r.event.type === 'TaskFailed');
    expect(failed?.state).toBe('Call');
    const entry = model.states.get('Call')?.entries[0];
    expect(entry).toMatchObject({ error: 'States.Timeout', cause: 'slow <b>server</b>', output: '{"ok":true}' });
    expect(model.states.get('Prepare')?.entries[0]?.assignedVariables).toEqual({ seen: '1' });
  });

  it('counts Map iterations by status and drills into one', () => {
    const m = model.maps.get('Each');
    expect(m).toMatchObject({ started: 3, succeeded: 2, failed: 1, aborted: 0 });
    expect(m?.iterations.get(2)).toBe('failed');
    const one = buildExecutionModel(iterationEvents(model, 'Each', 1));
    expect(one.states.get('Work')?.entries.map((e) => e.output)).toEqual(['10']);
  });

  it('marks a caught failure and cancels what runs when the execution is aborted', () => {
    const { add, events } = historyBuilder();
    let p = add('ExecutionStarted', 0, { input: '{}' });
    p = add('TaskStateEntered', p, { name: 'T', input: '{}' });
    p = add('TaskScheduled', p, { resource: 'invoke' });
    p = add('TaskFailed', p, { error: 'Boom', cause: 'x' });
    p = add('PassStateEntered', p, { name: 'Handler', input: '{}' });
    p = add('PassStateExited', p, { name: 'Handler', output: '{}' });
    p = add('WaitStateEntered', p, { name: 'Sleep', input: '{}' });
    add('ExecutionAborted', p, {});
    const m = buildExecutionModel(events);
    expect(m.states.get('T')?.status).toBe('caught');
    expect(m.states.get('Handler')?.status).toBe('succeeded');
    expect(m.states.get('Sleep')?.status).toBe('cancelled');
    // Nothing ended keeps counting: the cancelled Wait and the failed attempt end with their events.
    expect(m.states.get('Sleep')?.entries[0]?.exitedAt).toBe(m.endedAt);
    expect(m.states.get('T')?.entries[0]?.exitedAt).toBe(m.rows.find((r) => r.event.type === 'TaskFailed')?.at);
    expect(m.outcome).toBe('ABORTED');
  });

  it('reads 25,000 events quickly', () => {
    const { add, events } = historyBuilder();
    let p = add('ExecutionStarted', 0, { input: '{}' });
    for (let i = 0; i < 12_499; i++) {
      p = add('PassStateEntered', p, { name: `S${i % 50}`, input: '{}' });
      p = add('PassStateExited', p, { name: `S${i % 50}`, output: '{}' });
    }
    const t0 = performance.now();
    const m = buildExecutionModel(events);
    expect(m.rows.length).toBe(24_999);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
