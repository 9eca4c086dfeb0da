import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { lineColumn, locatePointer, parseWithLocations } from '../src/editor/json-locate.js';
import { invalidStateIds, validateText } from '../src/editor/validate.js';
import { EditorPage } from '../src/pages/EditorPage.js';

describe('parseWithLocations', () => {
  it('places each pointer on its key and reports syntax errors where they are', () => {
    const text = '{\n  "StartAt": "A",\n  "States": {\n    "A/b": { "Type": "Pass", "End": true }\n  }\n}';
    const r = parseWithLocations(text);
    if (!r.ok) throw new Error(r.message);
    expect(r.value).toEqual(JSON.parse(text));
    expect(lineColumn(text, locatePointer(r.locations, '/States/A~1b/End')).line).toBe(4);
    expect(lineColumn(text, locatePointer(r.locations, '/States/A~1b/Missing/Deeper')).line).toBe(4);
    const bad = parseWithLocations('{\n  "a": 1,\n  "b" 2\n}');
    expect(bad).toMatchObject({ ok: false, message: "Expected ':' but found '2'" });
    if (!bad.ok) expect(lineColumn('{\n  "a": 1,\n  "b" 2\n}', bad.offset).line).toBe(3);
  });
});

describe('validateText', () => {
  it('locates the validator’s diagnostics on the line of their JSON pointer', () => {
    const text = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "Next": "Nowhere" }\n  }\n}';
    const { diagnostics } = validateText(text);
    const missing = diagnostics.find((d) => d.code === 'MISSING_TRANSITION_TARGET');
    expect(missing).toBeDefined();
    expect(missing?.line).toBe(4);
    expect(invalidStateIds(diagnostics).has('/States/A')).toBe(true);
  });

  it('reports invalid JSON as INVALID_JSON_DESCRIPTION with its line', () => {
    const { diagnostics, value } = validateText('{\n  "StartAt": \n}');
    expect(value).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'INVALID_JSON_DESCRIPTION', line: 3 })]);
  });
});

describe('EditorPage', () => {
  it('shows errors inline as you type and redraws the graph', () => {
    render(<EditorPage />);
    expect(screen.getByText('No errors')).toBeTruthy();
    const editor = screen.getByLabelText('Definition (Amazon States Language JSON)');
    const text = '{ "StartAt": "One", "States": { "One": { "Type": "Pass", "Next": "Two" }, "Two": { "Type": "Pass", "Next": "<img src=x onerror=alert(1)>" } } }';
    fireEvent.change(editor, { target: { value: text } });
    expect(screen.getByLabelText('Two, Pass state, has errors')).toBeTruthy();
    expect(screen.getAllByText(/Line 1, column/).length).toBeGreaterThan(0);
    expect(editor.getAttribute('aria-invalid')).toBe('true');
    expect(document.querySelector('img')).toBeNull();
  });
});
