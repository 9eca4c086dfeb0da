import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FireTimerButton } from '../src/execution/FireTimerButton.js';
import { timerWaits } from '../src/execution/timer-wait.js';
import { historyBuilder, waitingApprovalHistory } from './fixtures/history.js';

function waitingInWait() {
  const { add, events } = historyBuilder();
  const s = add('ExecutionStarted', 0, { input: '{}' });
  add('WaitStateEntered', s, { name: 'Sleep an hour', input: '{}' });
  return { add, events };
}

function inRetryBackOff() {
  const { add, events } = historyBuilder();
  const s = add('ExecutionStarted', 0, { input: '{}' });
  let p = add('TaskStateEntered', s, { name: 'Call', input: '{}' });
  p = add('TaskScheduled', p, { resourceType: 'lambda', resource: 'invoke', parameters: '{}' });
  p = add('TaskStarted', p, { resourceType: 'lambda', resource: 'invoke' });
  add('TaskFailed', p, { error: 'Boom', cause: 'x' });
  return events;
}

describe('timerWaits', () => {
  it('names a Wait state entered and not left, and nothing once it is left', () => {
    const { add, events } = waitingInWait();
    expect(timerWaits(events)).toEqual(['Sleep an hour']);
    add('WaitStateExited', 2, { name: 'Sleep an hour', output: '{}' });
    expect(timerWaits(events)).toEqual([]);
  });

  it('names a task in its retry back-off (a failed attempt with nothing after it)', () => {
    expect(timerWaits(inRetryBackOff())).toEqual(['Call']);
  });

  it('finds no timer while a task or an approval is awaited, or once the execution has finished', () => {
    expect(timerWaits(waitingApprovalHistory())).toEqual([]);
    const { add, events } = waitingInWait();
    add('ExecutionAborted', 2, {});
    expect(timerWaits(events)).toEqual([]);
  });
});

describe('FireTimerButton', () => {
  it('is hidden when time control is off, even in a Wait', () => {
    render(<FireTimerButton timeControl={false} events={waitingInWait().events} onFire={vi.fn()} />);
    expect(screen.queryByRole('button', { name: 'Fire timer now' })).toBeNull();
  });

  it('is hidden when the execution waits on no timer', () => {
    render(<FireTimerButton timeControl events={waitingApprovalHistory()} onFire={vi.fn()} />);
    expect(screen.queryByRole('button', { name: 'Fire timer now' })).toBeNull();
  });

  it('fires the timer of a Wait and says so', async () => {
    const onFire = vi.fn(async () => ({ fired: true }));
    render(<FireTimerButton timeControl events={waitingInWait().events} onFire={onFire} />);
    const button = screen.getByRole('button', { name: 'Fire timer now' });
    expect(button.getAttribute('title')).toBe('Waiting on a timer in: Sleep an hour');
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Timer fired'));
    expect(onFire).toHaveBeenCalledTimes(1);
  });

  it('shows a refusal of the api as text', async () => {
    const onFire = vi.fn(async (): Promise<{ fired: boolean }> => {
      throw new Error('ValidationException: Time control is off: start Stepwise with STEPWISE_TIME_SCALE set');
    });
    render(<FireTimerButton timeControl events={inRetryBackOff()} onFire={onFire} />);
    fireEvent.click(screen.getByRole('button', { name: 'Fire timer now' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('STEPWISE_TIME_SCALE'));
  });
});
