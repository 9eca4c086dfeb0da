import { describe, expect, it } from 'vitest';
import type { Json } from '../../src/json.js';
import { parseIntrinsic } from '../../src/intrinsics/parse.js';
import { evaluateIntrinsic } from '../../src/intrinsics/evaluate.js';
import type { EvalEnv, EvalSources } from '../../src/payload/sources.js';

const env: EvalEnv = { now: 0, random: () => 0.5, uuid: () => '00000000-0000-4000-8000-000000000000' };
const src = (input: Json): EvalSources => ({ input, context: {}, variables: () => undefined });

describe('intrinsics smoke', () => {
  it('formats a nested call', () => {
    const call = parseIntrinsic("States.Format('{}-{}', $.a, States.MathAdd($.b, 1))");
    expect(evaluateIntrinsic(call, src({ a: 'x', b: 2 }), env)).toBe('x-3');
  });
});
