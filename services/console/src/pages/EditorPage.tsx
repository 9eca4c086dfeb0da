/**
 * Author a definition: JSON on the left with its errors inline as you type (the api's own
 * validator), the graph redrawn live on the right.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import { JsonEditor } from '../editor/JsonEditor.js';
import { invalidStateIds, validateText } from '../editor/validate.js';
import { StateGraph } from '../graph/StateGraph.js';

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
  readonly initial?: string;
}

export function EditorPage({ initial = STARTER_DEFINITION }: EditorPageProps): React.JSX.Element {
  const [text, setText] = useState(initial);
  const deferred = useDeferredValue(text);
  const result = useMemo(() => validateText(deferred), [deferred]);
  const invalid = useMemo(() => invalidStateIds(result.diagnostics), [result]);
  const [lastGood, setLastGood] = useState<unknown>(result.value);
  if (result.value !== undefined && result.value !== lastGood) setLastGood(result.value);
  return (
    <section>
      <h2>New state machine</h2>
      <div className="sw-split">
        <div>
          <JsonEditor label="Definition (Amazon States Language JSON)" value={text} onChange={setText} diagnostics={result.diagnostics} />
        </div>
        <div>
          <StateGraph definition={lastGood} invalid={invalid} height={560} />
        </div>
      </div>
    </section>
  );
}
