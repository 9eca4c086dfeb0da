/**
 * Serves the Task states of a mockable conformance case from its recorded responses (the
 * MockConfigFile shape of Step Functions Local, test case `Recorded`): each state takes its
 * responses in order, one key per attempt ("0", "1-2"), `Return` succeeds and `Throw` fails.
 */
import type { Json, TaskOutcome, TaskRequest } from '@stepwise/asl';

interface MockConfig {
  readonly StateMachines: Record<string, { readonly TestCases: Record<string, Record<string, string>> }>;
  readonly MockedResponses: Record<string, Record<string, { readonly Return?: Json; readonly Throw?: { readonly Error?: string; readonly Cause?: string } }>>;
}

function responseFor(responses: MockConfig['MockedResponses'][string], attempt: number): { Return?: Json; Throw?: { Error?: string; Cause?: string } } | undefined {
  for (const [key, value] of Object.entries(responses)) {
    const [from, to] = key.split('-').map(Number);
    if (from === undefined || Number.isNaN(from)) continue;
    if (attempt === from || (to !== undefined && attempt >= from && attempt <= to)) return value;
  }
  return undefined;
}

/** A taskHandler for runInMemory that answers from `mocks`; calls per state count attempts. */
export function mockTaskHandler(mocks: unknown): (request: TaskRequest) => TaskOutcome {
  const config = mocks as MockConfig;
  const machine = Object.values(config.StateMachines)[0];
  const recorded = machine?.TestCases['Recorded'] ?? {};
  const calls = new Map<string, number>();
  return (request) => {
    const key = recorded[request.stateName];
    const responses = key === undefined ? undefined : config.MockedResponses[key];
    if (responses === undefined) return { kind: 'failed', error: 'States.TaskFailed', cause: `no recorded response for state '${request.stateName}'` };
    const n = calls.get(request.stateName) ?? 0;
    calls.set(request.stateName, n + 1);
    const r = responseFor(responses, n);
    if (r?.Throw !== undefined) {
      return { kind: 'failed', ...(r.Throw.Error !== undefined ? { error: r.Throw.Error } : {}), ...(r.Throw.Cause !== undefined ? { cause: r.Throw.Cause } : {}) };
    }
    if (r !== undefined && 'Return' in r) return { kind: 'succeeded', output: r.Return ?? null };
    return { kind: 'failed', error: 'States.TaskFailed', cause: `no recorded response for attempt ${n} of state '${request.stateName}'` };
  };
}
