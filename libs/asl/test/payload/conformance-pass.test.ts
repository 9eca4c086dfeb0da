/**
 * Reads AWS's recorded executions in place (../shared/conformance beside the repository,
 * skipped when absent) and replays every self-contained one-Pass-state case through the
 * expression evaluators alone:
 * InputPath → Parameters → ResultPath → OutputPath, or the JSONata Output. Most intrinsic
 * function cases are of this shape, so this pins the evaluators to what AWS answered.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../../src/json.js';
import { isObject } from '../../src/json.js';
import { isStatesError } from '../../src/errors/states-error.js';
import { queryPath } from '../../src/paths/jsonpath.js';
import { applyResultPath } from '../../src/paths/result-path.js';
import { evaluatePayloadTemplate } from '../../src/payload/template.js';
import type { EvalEnv, EvalSources } from '../../src/payload/sources.js';
import { evaluateJsonataTemplate } from '../../src/jsonata/evaluate.js';

/** `shared/` sits beside the repository (README of the conformance corpus). */
const DIR = fileURLToPath(new URL('../../../../../shared/conformance/cases/', import.meta.url));

interface Case {
  id: string;
  category: string;
  placeholders: boolean;
  definition: { QueryLanguage?: string; StartAt: string; States: Record<string, JsonObject> };
  input: Json;
  expected: { status: string; output?: Json; error?: string; cause?: string };
}

/** Cases whose recorded value cannot be reproduced, with the reason. */
const UNREPRODUCIBLE: Record<string, string> = {
  'v2/intrinsic_functions/test_math_operations/TestMathOperations/test_math_random_seeded#exec_hist_resp':
    'the recording replaced the random number with the text "RandomNumberGenerated"',
  'v2/intrinsic_functions/test_math_operations/TestMathOperations/test_math_random#exec_hist_resp_2':
    'the recording replaced the random number with the text "RandomNumberGenerated"',
  'v2/local_mocking/test_base_callbacks/TestBaseScenarios/test_sfn_start_execution_sync[SFN_SYNC]#get_execution_history':
    'the recorded output is that of a parent execution that started this machine',
  'v2/local_mocking/test_base_callbacks/TestBaseScenarios/test_sfn_start_execution_sync[SFN_SYNC2]#get_execution_history':
    'the recorded output is that of a parent execution that started this machine',
};

/** AWS's cause ends with ours; `<json-input:1>`-style stand-ins in the recording match anything. */
function causeMatches(expected: string, got: string): boolean {
  const pattern = expected
    .split(/<[^<>]+>/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`, 's').test(got);
}

function loadCases(): Case[] {
  if (!existsSync(DIR)) return [];
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Case)
    .filter((c) => {
      const states = Object.values(c.definition.States);
      return c.category === 'self-contained' && !c.placeholders && states.length === 1 && states[0]?.Type === 'Pass';
    });
}

const env: EvalEnv = { now: Date.UTC(2026, 0, 1), random: () => 0.25, uuid: () => '0f8fad5b-d9cb-469f-a165-70867728950e' };

async function runPass(c: Case): Promise<{ output?: Json; error?: string; cause?: string }> {
  const [name, state] = Object.entries(c.definition.States)[0] as [string, JsonObject];
  const context: Json = {
    Execution: { Id: 'arn:aws:states:us-east-1:111111111111:execution:sm:exec', Input: c.input, Name: 'exec' },
    StateMachine: { Id: 'arn:aws:states:us-east-1:111111111111:stateMachine:sm', Name: 'sm' },
    State: { Name: name, EnteredTime: '2026-01-01T00:00:00.000Z', RetryCount: 0 },
  };
  const jsonata = (state.QueryLanguage ?? c.definition.QueryLanguage) === 'JSONata';
  try {
    if (jsonata) {
      if (state.Output === undefined) return { output: c.input };
      return { output: await evaluateJsonataTemplate(state.Output, { input: c.input, context }, () => undefined, env, 'Output') };
    }
    const variables = (): undefined => undefined;
    const at = (path: Json | undefined, input: Json): Json =>
      path === undefined ? input : path === null ? {} : (queryPath(path as string, { input, context, variables }) as Json);
    const effective = at(state.InputPath, c.input);
    const sources: EvalSources = { input: effective, context, variables };
    const result =
      state.Parameters !== undefined ? evaluatePayloadTemplate(state.Parameters, sources, env, 'Parameters') : (state.Result ?? effective);
    const withResult = applyResultPath(c.input, result, state.ResultPath as string | null | undefined);
    return { output: at(state.OutputPath, withResult) };
  } catch (e) {
    if (isStatesError(e)) return { error: e.error, cause: e.cause };
    throw e;
  }
}

const cases = loadCases();

describe.skipIf(cases.length === 0)('conformance: one-Pass-state cases', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (id, c) => {
    if (UNREPRODUCIBLE[id] !== undefined) return;
    const got = await runPass(c);
    if (c.expected.status === 'SUCCEEDED') {
      expect(got.error, got.cause).toBeUndefined();
      expect(got.output).toEqual(c.expected.output);
    } else {
      expect(got.error).toBe(c.expected.error);
      if (typeof c.expected.cause === 'string') {
        // AWS's cause starts with the state prefix, which the state layer adds.
        const tail = c.expected.cause.replace(/^An error occurred while executing the state '[^']*' \(entered at the event id #\d+\)\. /, '');
        expect(causeMatches(tail, got.cause ?? '<none>'), `${got.cause} vs ${c.expected.cause}`).toBe(true);
      }
    }
  });

  it('still finds the cases it was written against', () => {
    expect(cases.length).toBeGreaterThan(100);
    expect(isObject(cases[0]?.definition)).toBe(true);
  });
});
