/**
 * inspectionData for DEBUG and TRACE: the state's input after each processing step (InputPath,
 * Parameters or Arguments, the raw result, ResultSelector, ResultPath), recomputed with the
 * interpreter's own evaluators so they agree with the state's output. A step that cannot be
 * evaluated (the state failed before it) is left out, as AWS leaves it out.
 */
import { applyResultPath, evaluatePayloadTemplate, queryPath, type EvalEnv, type EvalSources, type Json, type JsonObject } from '@stepwise/asl';
import { isJsonObject } from '../json-values.js';
import type { PreparedTest } from './prepare.js';
import type { InspectionData, InspectionErrorDetails } from './types.js';

export interface Observed {
  /** The parameters a Task (or its Arguments) was invoked with. */
  readonly taskInput?: Json;
  /** The raw result: the mock, the handler's output, a Parallel/Map mocked array. */
  readonly result?: Json;
  readonly variables: JsonObject;
  readonly errorDetails?: InspectionErrorDetails;
  readonly map?: { readonly maxConcurrency: number; readonly toleratedFailureCount?: number; readonly toleratedFailurePercentage?: number };
  readonly context: JsonObject;
  readonly env: EvalEnv;
}

export function inspectionData(prep: PreparedTest, seen: Observed): InspectionData {
  const text = (v: Json): string => JSON.stringify(v);
  const out: Record<string, unknown> = { input: text(prep.input) };
  const state = prep.state;
  const sources = (input: Json): EvalSources => ({
    input,
    context: seen.context,
    variables: (name) => (Object.prototype.hasOwnProperty.call(prep.variables, name) ? prep.variables[name] : undefined),
  });
  if (prep.queryLanguage === 'JSONata') {
    if (seen.taskInput !== undefined) out['afterArguments'] = text(seen.taskInput);
    if (seen.result !== undefined) out['result'] = text(seen.result);
  } else {
    const afterInputPath = attempt(() => {
      const p = state['InputPath'];
      if (p === undefined) return prep.input;
      if (p === null) return {};
      return queryPath(String(p), sources(prep.input));
    });
    const processes = ['Task', 'Pass', 'Parallel', 'Map'].includes(String(state['Type']));
    if (afterInputPath !== undefined) out['afterInputPath'] = text(afterInputPath);
    if (afterInputPath !== undefined && processes) {
      if (state['Type'] === 'Map' && typeof state['ItemsPath'] === 'string') {
        const items = attempt(() => queryPath(String(state['ItemsPath']), sources(afterInputPath)));
        if (items !== undefined) out['afterItemsPath'] = text(items);
      }
      const afterParameters =
        seen.taskInput !== undefined
          ? seen.taskInput
          : isJsonObject(state['Parameters'] ?? null) && state['Type'] !== 'Map'
            ? attempt(() => evaluatePayloadTemplate(state['Parameters'] as Json, sources(afterInputPath), seen.env, 'Parameters'))
            : afterInputPath;
      if (afterParameters !== undefined) out['afterParameters'] = text(afterParameters);
      const result = seen.result ?? (state['Type'] === 'Pass' ? (state['Result'] ?? afterParameters) : undefined);
      if (result !== undefined) {
        out['result'] = text(result);
        const selected = isJsonObject(state['ResultSelector'] ?? null)
          ? attempt(() => evaluatePayloadTemplate(state['ResultSelector'] as Json, sources(result), seen.env, 'ResultSelector'))
          : result;
        if (selected !== undefined) {
          out['afterResultSelector'] = text(selected);
          const rp = state['ResultPath'];
          const afterResultPath = attempt(() => applyResultPath(prep.input, selected, rp === undefined ? undefined : rp === null ? null : String(rp)));
          if (afterResultPath !== undefined) out['afterResultPath'] = text(afterResultPath);
        }
      }
    }
  }
  out['variables'] = text(seen.variables);
  if (seen.errorDetails) out['errorDetails'] = seen.errorDetails;
  if (seen.map) {
    out['maxConcurrency'] = seen.map.maxConcurrency;
    if (seen.map.toleratedFailureCount !== undefined) out['toleratedFailureCount'] = seen.map.toleratedFailureCount;
    if (seen.map.toleratedFailurePercentage !== undefined) out['toleratedFailurePercentage'] = seen.map.toleratedFailurePercentage;
  }
  return out as InspectionData;
}

function attempt(fn: () => Json | undefined): Json | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
