/**
 * A JSON text editor with line numbers and diagnostics shown inline: the line that holds a
 * diagnostic is marked in the gutter (icon + line number, not only colour) and its message is
 * written at the end of that line; a list below the editor moves the caret to each one. A plain
 * textarea over a mirror keeps the bundle small (no editor library) and the text native.
 */
import { useMemo, useRef, useState } from 'react';
import type { EditorDiagnostic } from './validate.js';

export interface JsonEditorProps {
  readonly value: string;
  readonly onChange: (text: string) => void;
  readonly diagnostics?: readonly EditorDiagnostic[];
  readonly label: string;
  readonly rows?: number;
  readonly id?: string;
}

export function JsonEditor({ value, onChange, diagnostics = [], label, rows = 24, id }: JsonEditorProps): React.JSX.Element {
  const area = useRef<HTMLTextAreaElement>(null);
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const lines = useMemo(() => value.split('\n'), [value]);
  const byLine = useMemo(() => {
    const m = new Map<number, EditorDiagnostic[]>();
    for (const d of diagnostics) m.set(d.line, [...(m.get(d.line) ?? []), d]);
    return m;
  }, [diagnostics]);
  const jump = (d: EditorDiagnostic): void => {
    const el = area.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(d.offset, d.offset);
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>): void => {
    // Tab indents (two spaces); Escape then Tab leaves the editor, so the keyboard is never trapped.
    if (e.key === 'Tab' && !e.shiftKey && !e.altKey && (e.currentTarget.dataset['escaped'] ?? '') !== '1') {
      e.preventDefault();
      const el = e.currentTarget;
      const { selectionStart: s, selectionEnd: en } = el;
      onChange(`${value.slice(0, s)}  ${value.slice(en)}`);
      requestAnimationFrame(() => el.setSelectionRange(s + 2, s + 2));
    }
    e.currentTarget.dataset['escaped'] = e.key === 'Escape' ? '1' : '';
  };
  const errors = diagnostics.filter((d) => d.severity === 'ERROR').length;
  return (
    <div className="sw-editor-wrap">
      <div className="sw-editor">
        <div className="sw-gutter" aria-hidden="true" style={{ transform: `translateY(${-scroll.top}px)` }}>
          {lines.map((_, k) => {
            const ds = byLine.get(k + 1);
            return (
              <div key={k} className={ds ? `sw-gutter-line sw-gutter-${ds[0]!.severity.toLowerCase()}` : 'sw-gutter-line'} title={ds?.map((d) => d.message).join('\n')}>
                {ds ? (ds[0]!.severity === 'ERROR' ? '✗ ' : '⚠ ') : ''}
                {k + 1}
              </div>
            );
          })}
        </div>
        <div className="sw-editor-main">
          <div className="sw-mirror" aria-hidden="true" style={{ transform: `translate(${-scroll.left}px, ${-scroll.top}px)` }}>
            {lines.map((line, k) => {
              const ds = byLine.get(k + 1);
              return (
                <div key={k} className={ds ? `sw-mirror-line sw-mirror-${ds[0]!.severity.toLowerCase()}` : 'sw-mirror-line'}>
                  <span className="sw-mirror-text">{line}</span>
                  {ds ? <span className="sw-inline-msg">{'  '}{ds.map((d) => d.message).join(' · ')}</span> : null}
                </div>
              );
            })}
          </div>
          <textarea
            ref={area}
            id={id}
            aria-label={label}
            aria-invalid={errors > 0}
            className="sw-textarea"
            spellCheck={false}
            wrap="off"
            rows={rows}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            onKeyDown={onKeyDown}
            onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, left: e.currentTarget.scrollLeft })}
          />
        </div>
      </div>
      <div className="sw-diagnostics" role="status" aria-live="polite">
        {diagnostics.length === 0 ? (
          <p className="sw-ok">
            <span aria-hidden="true">✓</span> No errors
          </p>
        ) : (
          <ul>
            {diagnostics.map((d, k) => (
              <li key={k} className={`sw-diag sw-diag-${d.severity.toLowerCase()}`}>
                <button type="button" className="sw-link" onClick={() => jump(d)}>
                  <span aria-hidden="true">{d.severity === 'ERROR' ? '✗' : '⚠'}</span> Line {d.line}, column {d.column}
                </button>{' '}
                <code>{d.code}</code> {d.message} {d.location ? <code className="sw-ptr">{d.location}</code> : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
