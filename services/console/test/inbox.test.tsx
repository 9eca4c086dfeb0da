import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Inbox, type InboxTask } from '../src/approvals/Inbox.js';

const now = Date.parse('2026-01-01T12:00:00Z');
const tasks: InboxTask[] = [
  {
    taskToken: 'tok-old', executionArn: 'arn:aws:states:us-east-1:123456789012:execution:pay:first', stateName: 'Approve', resource: 'arn:stepwise:states:::approval.waitForTaskToken', kind: 'approval',
    input: JSON.stringify({ Title: '<img src=x onerror=alert(1)>', Details: { amount: 42 }, Assignees: ['ops'] }), since: now - 3_600_000, deadline: now + 600_000,
  },
  {
    taskToken: 'tok-new', executionArn: 'arn:aws:states:us-east-1:123456789012:execution:pay:second', stateName: 'Notify', resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', kind: 'callback',
    input: '{"QueueUrl":"q"}', since: now - 60_000,
  },
];

describe('Inbox', () => {
  it('lists waiting tasks newest first with title, details, execution, wait and deadline, as text', () => {
    const { container } = render(<Inbox tasks={tasks} now={now} onApprove={vi.fn()} onReject={vi.fn()} />);
    const items = screen.getAllByRole('listitem');
    expect(items[0]?.getAttribute('aria-label')).toBe('Waiting task: Notify');
    const first = screen.getByLabelText('Waiting task: <img src=x onerror=alert(1)>');
    expect(within(first).getByText(/"amount": 42/)).toBeTruthy();
    expect(within(first).getByText('first')).toBeTruthy();
    expect(within(first).getByText(/^1 h 0 min/)).toBeTruthy();
    expect(within(first).getByText(/in 10 min/)).toBeTruthy();
    expect(within(items[0]!).getByText('arn:aws:states:::sqs:sendMessage.waitForTaskToken')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });

  it('approves with a comment and output JSON', async () => {
    const onApprove = vi.fn(async () => {});
    render(<Inbox tasks={[tasks[0]!]} now={now} onApprove={onApprove} onReject={vi.fn()} />);
    fireEvent.click(screen.getByText('Approve…'));
    fireEvent.change(screen.getByLabelText('Comment'), { target: { value: 'looks fine' } });
    const out = screen.getByLabelText('Output (JSON, optional)');
    fireEvent.change(out, { target: { value: '{"limit":' } });
    expect((screen.getByRole('button', { name: 'Approve' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(out, { target: { value: '{"limit": 100}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(screen.getByText('Approved')).toBeTruthy());
    expect(onApprove).toHaveBeenCalledWith(tasks[0], { comment: 'looks fine', output: { limit: 100 } });
  });

  it('rejects with an error and cause, and shows a failure of the api', async () => {
    const onReject = vi.fn(async () => {
      throw new Error('TaskDoesNotExist: gone');
    });
    render(<Inbox tasks={[tasks[1]!]} now={now} onApprove={vi.fn()} onReject={onReject} />);
    fireEvent.click(screen.getByText('Reject…'));
    fireEvent.change(screen.getByLabelText('Cause'), { target: { value: 'not today' } });
    fireEvent.click(screen.getByRole('button', { name: 'Reject' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('TaskDoesNotExist: gone'));
    expect(onReject).toHaveBeenCalledWith(tasks[1], { error: 'Rejected', cause: 'not today' });
  });
});
