/**
 * Keeps an execution's history current without reloading: reads every page once (1,000 events a
 * page, shown as they arrive), then polls newest-first for events past the last one it has while
 * the execution runs, and stops when a terminal event arrives.
 */
import { useEffect, useState } from 'react';
import { historyPages, newerEvents } from '../api/stepwise.js';
import type { HistoryEventItem } from '../api/responses.js';

const TERMINAL = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut']);

export interface LiveHistory {
  readonly events: readonly HistoryEventItem[];
  readonly complete: boolean;
  readonly error?: Error;
}

export function useLiveHistory(arn: string, pollMs = 1000): LiveHistory {
  const [state, setState] = useState<LiveHistory>({ events: [], complete: false });
  useEffect(() => {
    let live = true;
    let events: HistoryEventItem[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const publish = (complete: boolean, error?: Error): void => {
      if (live) setState({ events, complete, ...(error ? { error } : {}) });
    };
    const ended = (): boolean => {
      const last = events[events.length - 1];
      return last !== undefined && TERMINAL.has(last.type);
    };
    const poll = async (): Promise<void> => {
      if (!live) return;
      try {
        const fresh = await newerEvents(arn, events[events.length - 1]?.id ?? 0);
        if (fresh.length > 0) {
          events = [...events, ...fresh];
          publish(true);
        }
      } catch (e) {
        publish(true, e instanceof Error ? e : new Error(String(e)));
      }
      // A redriven execution continues after its terminal event: keep a slow poll going then.
      if (live) timer = setTimeout(() => void poll(), ended() ? pollMs * 5 : pollMs);
    };
    const start = async (): Promise<void> => {
      try {
        for await (const page of historyPages(arn)) {
          if (!live) return;
          events = [...events, ...page];
          publish(false);
        }
        publish(true);
      } catch (e) {
        publish(true, e instanceof Error ? e : new Error(String(e)));
      }
      if (live) timer = setTimeout(() => void poll(), pollMs);
    };
    setState({ events: [], complete: false });
    void start();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [arn, pollMs]);
  return state;
}
