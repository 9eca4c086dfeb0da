/**
 * Draws a definition held in sessionStorage (`stepwise:preview`) without saving it anywhere: a
 * quick look at a file, and the page the bench times first drawings with.
 */
import { useMemo } from 'react';
import { StateGraph } from '../graph/StateGraph.js';

export const PREVIEW_KEY = 'stepwise:preview';

export function PreviewPage(): React.JSX.Element {
  const definition = useMemo((): unknown => {
    const text = sessionStorage.getItem(PREVIEW_KEY);
    if (!text) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }, []);
  return (
    <section>
      <h2>Preview</h2>
      {definition === undefined ? <p className="sw-muted">Nothing to preview: put a definition in sessionStorage under “{PREVIEW_KEY}”.</p> : <StateGraph definition={definition} height="80vh" />}
    </section>
  );
}
