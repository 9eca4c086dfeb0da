/**
 * The data-test operators of JSONPath Choice rules, as a table: each name says which values it
 * accepts and how it compares. A value of the wrong type makes the test false, as on AWS.
 * `...Path` forms compare against a value read from the input; rule.ts resolves that path.
 */
import type { Json } from '../json.js';
import { stringMatches } from './string-matches.js';
import { isTimestamp, timestampMs } from './timestamp.js';

export interface ComparisonOperator {
  /** Whether the Variable's value (and the operand) have the type this operator compares. */
  readonly accepts: (v: Json) => boolean;
  /** The comparison, on values that `accepts` let through. */
  readonly test: (variable: Json, operand: Json) => boolean;
  /** True for `...Path` forms: the operand is a path to resolve first. */
  readonly path: boolean;
}

const isString = (v: Json): boolean => typeof v === 'string';
const isNumber = (v: Json): boolean => typeof v === 'number';
const isBoolean = (v: Json): boolean => typeof v === 'boolean';
const isTs = (v: Json): boolean => isTimestamp(v);

type Cmp = (a: number, b: number) => boolean;
const ORDER: Record<string, Cmp> = {
  Equals: (a, b) => a === b,
  LessThan: (a, b) => a < b,
  GreaterThan: (a, b) => a > b,
  LessThanEquals: (a, b) => a <= b,
  GreaterThanEquals: (a, b) => a >= b,
};

function strCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function family(prefix: string, accepts: (v: Json) => boolean, key: (v: Json) => number | string): Record<string, ComparisonOperator> {
  const out: Record<string, ComparisonOperator> = {};
  for (const [suffix, cmp] of Object.entries(ORDER)) {
    const test = (a: Json, b: Json): boolean => {
      const ka = key(a);
      const kb = key(b);
      const c = typeof ka === 'string' && typeof kb === 'string' ? strCompare(ka, kb) : (ka as number) - (kb as number);
      return cmp(c, 0);
    };
    out[`${prefix}${suffix}`] = { accepts, test, path: false };
    out[`${prefix}${suffix}Path`] = { accepts, test, path: true };
  }
  return out;
}

const typeTest = (pred: (v: Json) => boolean): ComparisonOperator => ({
  accepts: () => true,
  test: (v, expected) => pred(v) === expected,
  path: false,
});

/** Every data-test operator of a JSONPath Choice rule, by its ASL name. */
export const operatorTable: Readonly<Record<string, ComparisonOperator>> = {
  ...family('String', isString, (v) => v as string),
  ...family('Numeric', isNumber, (v) => v as number),
  ...family('Timestamp', isTs, (v) => timestampMs(v) as number),
  BooleanEquals: { accepts: isBoolean, test: (a, b) => a === b, path: false },
  BooleanEqualsPath: { accepts: isBoolean, test: (a, b) => a === b, path: true },
  StringMatches: { accepts: isString, test: (a, b) => stringMatches(a as string, b as string), path: false },
  IsNull: typeTest((v) => v === null),
  IsNumeric: typeTest(isNumber),
  IsString: typeTest(isString),
  IsBoolean: typeTest(isBoolean),
  IsTimestamp: typeTest(isTs),
  // IsPresent is decided in rule.ts (it is about the Variable's absence, not its value).
  IsPresent: typeTest(() => true),
};

/** The Boolean combinators of Choice rules. */
export const booleanOperators: ReadonlySet<string> = new Set(['And', 'Or', 'Not']);

/** All data-test operator names (no And/Or/Not), for the validator. */
export const comparisonOperators: ReadonlySet<string> = new Set(Object.keys(operatorTable));

/** Every operator a Choice rule may carry: data tests and And/Or/Not. */
export const choiceRuleOperators: ReadonlySet<string> = new Set([...comparisonOperators, ...booleanOperators]);
