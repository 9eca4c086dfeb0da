/**
 * Start an execution: an optional name and an input JSON editor (validated as JSON as you type).
 */
import { useMemo, useState } from 'react';
import { JsonEditor } from '../editor/JsonEditor.js';
import { lineColumn, parseWithLocations } from '../editor/json-locate.js';
import type { EditorDiagnostic } from '../editor/validate.js';
import { api } from '../api/stepwise.js';
import { navigate, paths } from '../app/router.js';
import { Problem } from '../app/Problem.js';

export function StartExecutionForm({ stateMachineArn, initialInput = '{}' }: { readonly stateMachineArn: string; readonly initialInput?: string }): React.JSX.Element {
  const [input, setInput] = useState(initialInput);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Error | undefined>();
  const diagnostics = useMemo((): EditorDiagnostic[] => {
    const r = parseWithLocations(input);
    return r.ok ? [] : [{ severity: 'ERROR', code: 'INVALID_JSON', message: r.message, location: '', offset: r.offset, ...lineColumn(input, r.offset) }];
  }, [input]);
  const start = async (): Promise<void> => {
    setBusy(true);
    setProblem(undefined);
    try {
      const r = await api.startExecution(stateMachineArn, input, name.trim() || undefined);
      navigate(paths.execution(r.executionArn));
    } catch (e) {
      setProblem(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="sw-panel"
      aria-label="Start execution"
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <h3>Start execution</h3>
      <p>
        <label>
          Name (optional) <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} pattern="[A-Za-z0-9_\-]{1,80}" />
        </label>
      </p>
      <JsonEditor label="Execution input (JSON)" value={input} onChange={setInput} diagnostics={diagnostics} />
      {problem ? <Problem error={problem} /> : null}
      <p>
        <button type="submit" className="sw-primary" disabled={busy || diagnostics.length > 0}>
          Start execution
        </button>
      </p>
    </form>
  );
}
