/**
 * Author a definition: JSON on the left with its errors inline as you type (the api's own
 * validator, bundled from @stepwise/asl), the graph redrawn live on the right. Save creates or
 * updates the state machine through the api; the api's answer (InvalidDefinition, ...) is shown.
 */
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { JsonEditor } from '../editor/JsonEditor.js';
import { invalidStateIds, validateText } from '../editor/validate.js';
import { StateGraph } from '../graph/StateGraph.js';
import { api } from '../api/stepwise.js';
import { navigate, paths } from '../app/router.js';
import { Problem } from '../app/Problem.js';
import { prettyJsonText } from '../util/json.js';

export const STARTER_DEFINITION = `{
  "Comment": "A human approval between two steps",
  "StartAt": "Prepare",
  "States": {
    "Prepare": { "Type": "Pass", "Result": { "amount": 42 }, "Next": "Approve" },
    "Approve": {
      "Type": "Task",
      "Resource": "arn:stepwise:states:::approval.waitForTaskToken",
      "Parameters": { "Title": "Approve the payment", "Details.$": "$" },
      "Next": "Done"
    },
    "Done": { "Type": "Succeed" }
  }
}
`;

export interface EditorPageProps {
  /** The state machine to edit; a new one when absent. */
  readonly arn?: string;
  readonly initial?: string;
}

export function EditorPage({ arn, initial = STARTER_DEFINITION }: EditorPageProps): React.JSX.Element {
  const [text, setText] = useState(arn ? '' : initial);
  const [name, setName] = useState('');
  const [type, setType] = useState<'STANDARD' | 'EXPRESS'>('STANDARD');
  const [loaded, setLoaded] = useState(!arn);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Error | undefined>();
  useEffect(() => {
    if (!arn) return;
    let live = true;
    api.describeStateMachine(arn).then(
      (d) => {
        if (!live) return;
        setText(prettyJsonText(d.definition));
        setName(d.name);
        setType(d.type);
        setLoaded(true);
      },
      (e: unknown) => live && setProblem(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      live = false;
    };
  }, [arn]);
  const deferred = useDeferredValue(text);
  const result = useMemo(() => validateText(deferred), [deferred]);
  const invalid = useMemo(() => invalidStateIds(result.diagnostics), [result]);
  const [lastGood, setLastGood] = useState<unknown>(result.value);
  if (result.value !== undefined && result.value !== lastGood) setLastGood(result.value);
  const errors = result.diagnostics.filter((d) => d.severity === 'ERROR').length;
  const save = async (): Promise<void> => {
    setBusy(true);
    setProblem(undefined);
    try {
      if (arn) {
        await api.updateStateMachine(arn, text);
        navigate(paths.stateMachine(arn));
      } else {
        const r = await api.createStateMachine(name.trim(), text, type);
        navigate(paths.stateMachine(r.stateMachineArn));
      }
    } catch (e) {
      setProblem(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section>
      <h2>{arn ? `Edit ${name}` : 'New state machine'}</h2>
      <form
        className="sw-row sw-panel"
        aria-label="State machine"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {arn ? null : (
          <>
            <label>
              Name <input required value={name} onChange={(e) => setName(e.target.value)} maxLength={80} pattern="[A-Za-z0-9_\-]{1,80}" />
            </label>
            <label>
              Type{' '}
              <select value={type} onChange={(e) => setType(e.target.value === 'EXPRESS' ? 'EXPRESS' : 'STANDARD')}>
                <option>STANDARD</option>
                <option>EXPRESS</option>
              </select>
            </label>
          </>
        )}
        <button type="submit" className="sw-primary" disabled={busy || !loaded || errors > 0}>
          {arn ? 'Save' : 'Create'}
        </button>
        {errors > 0 ? <span className="sw-diag-error">✗ Fix {errors} error{errors === 1 ? '' : 's'} to save</span> : null}
      </form>
      {problem ? <Problem error={problem} /> : null}
      <div className="sw-split">
        <div>
          <JsonEditor label="Definition (Amazon States Language JSON)" value={text} onChange={setText} diagnostics={result.diagnostics} />
        </div>
        <div>
          <StateGraph key={loaded ? 'loaded' : 'loading'} definition={lastGood} invalid={invalid} height={560} />
        </div>
      </div>
    </section>
  );
}
