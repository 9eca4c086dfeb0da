/**
 * Wait: blocks on a timer until `now + Seconds` or until a Timestamp, then passes its input on.
 * A zero or past wait never blocks (AWS: a past Timestamp succeeds immediately). The texts of
 * the failures are AWS's (conformance cases base/test_wait and scenarios/test_wait_*).
 */
import type { WaitState } from '../definition/types.js';
import type { Json } from '../json.js';
import { toJsonText } from '../json.js';
import { StatesError } from '../errors/states-error.js';
import { queryPath } from '../paths/jsonpath.js';
import type { Outcome, StateEvaluator, StateRun } from './evaluator.js';
import { selectPath, sourcesFor } from '../io/jsonpath-io.js';
import { evaluateJsonataValue, jsonataStates } from '../io/jsonata-io.js';
import { assignJsonPath, assignJsonata } from '../variables/assign.js';
import { next, transition } from './common.js';

/** AWS refuses delays above 2^31 - 1 seconds. */
const MAX_DELAY_SECONDS = 2_147_483_647;

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Strict ISO-8601 extended offset date-time → epoch ms; undefined when it is not one. */
export function parseTimestamp(text: string): number | undefined {
  const m = ISO_8601.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map((x) => Number(x));
  if (mo === undefined || mo < 1 || mo > 12 || d === undefined || d < 1 || d > 31) return undefined;
  if (h === undefined || h > 23 || mi === undefined || mi > 59 || s === undefined || s > 59 || y === undefined) return undefined;
  const frac = m[7] ?? '';
  const normalized = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${frac.slice(0, 4)}${m[8]}`;
  const ms = Date.parse(normalized);
  if (Number.isNaN(ms)) return undefined;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1) return undefined;
  return ms;
}

function tooLong(): StatesError {
  return new StatesError('States.Runtime', 'Wait state delay is too long.');
}

function untilFromSeconds(run: StateRun, seconds: number): number {
  if (seconds > MAX_DELAY_SECONDS) throw tooLong();
  return run.ctx.now + seconds * 1000;
}

function untilFromTimestamp(run: StateRun, ms: number): number {
  if ((ms - run.ctx.now) / 1000 > MAX_DELAY_SECONDS) throw tooLong();
  return ms;
}

async function jsonataUntil(run: StateRun, state: WaitState): Promise<number> {
  const states = jsonataStates(run, run.frame.stateInput);
  if (state.Seconds !== undefined) {
    const v = await evaluateJsonataValue(run, state.Seconds as Json, states, 'Seconds');
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw new StatesError('States.QueryEvaluationError', `The Seconds field must be a non-negative integer, but was: ${toJsonText(v)}`);
    }
    return untilFromSeconds(run, v);
  }
  const v = await evaluateJsonataValue(run, state.Timestamp ?? '', states, 'Timestamp');
  const ms = typeof v === 'string' ? parseTimestamp(v) : undefined;
  if (ms === undefined) {
    throw new StatesError(
      'States.QueryEvaluationError',
      `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${typeof v === 'string' ? v : toJsonText(v)}`,
    );
  }
  return untilFromTimestamp(run, ms);
}

function jsonPathUntil(run: StateRun, state: WaitState, effective: Json): number {
  if (state.Seconds !== undefined) return untilFromSeconds(run, Number(state.Seconds));
  if (state.Timestamp !== undefined) {
    const ms = parseTimestamp(state.Timestamp);
    if (ms === undefined) throw new StatesError('States.Runtime', `The Timestamp parameter does not reference a valid ISO-8601 extended offset date-time format string: ${state.Timestamp}`);
    return untilFromTimestamp(run, ms);
  }
  const sources = sourcesFor(run, effective);
  if (state.SecondsPath !== undefined) {
    const v = queryPath(state.SecondsPath, sources);
    if (v === undefined) throw new StatesError('States.Runtime', `Invalid path '${state.SecondsPath}': The SecondsPath parameter does not reference a valid value.`);
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new StatesError('States.Runtime', `The SecondsPath parameter cannot be parsed as a long value: ${state.SecondsPath} == ${toJsonText(v)}`);
    }
    if (v < 0) throw new StatesError('States.Runtime', `The SecondsPath parameter references a negative value: ${state.SecondsPath} == ${v}`);
    return untilFromSeconds(run, v);
  }
  const path = state.TimestampPath ?? '$';
  const v = queryPath(path, sources);
  const ms = typeof v === 'string' ? parseTimestamp(v) : undefined;
  if (ms === undefined) {
    const shown = typeof v === 'string' ? v : v === undefined ? 'null' : toJsonText(v);
    throw new StatesError('States.Runtime', `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${path} == ${shown}`);
  }
  return untilFromTimestamp(run, ms);
}

async function finish(run: StateRun, state: WaitState): Promise<Outcome> {
  const raw = run.frame.stateInput;
  if (run.queryLanguage === 'JSONata') {
    const states = jsonataStates(run, raw);
    const output = state.Output !== undefined ? await evaluateJsonataValue(run, state.Output, states, 'Output') : raw;
    return next(output, transition(state), await assignJsonata(run, state.Assign, states));
  }
  const effective = selectPath(run, state.InputPath, raw);
  const assign = assignJsonPath(run, state.Assign, effective);
  return next(selectPath(run, state.OutputPath, effective), transition(state), assign);
}

export const waitEvaluator: StateEvaluator<WaitState> = {
  async enter(run, state) {
    const until =
      run.queryLanguage === 'JSONata'
        ? await jsonataUntil(run, state)
        : jsonPathUntil(run, state, selectPath(run, state.InputPath, run.frame.stateInput));
    if (until <= run.ctx.now) return finish(run, state);
    return { kind: 'block', phase: 'wait', pending: { until }, blocked: { kind: 'timer', until, reason: 'wait' } };
  },
  async resume(run, state, signal) {
    if (signal.kind !== 'timerFired') {
      return { kind: 'fail', error: 'States.Runtime', cause: `A Wait state cannot handle the signal '${signal.kind}'.`, handled: false };
    }
    return finish(run, state);
  },
};
