/**
 * How a conformance case is compared with a run (/work/shared/conformance/README.md): status,
 * then output (deep-equal, key order ignored), error and cause (exact; a cause that was JSON
 * text is compared parsed); placeholders (`<uuid:1>`, `arn:<partition>:...`) match any text,
 * the same placeholder standing for the same value within one case.
 */
export interface ConformanceCase {
  readonly id: string;
  readonly category: 'self-contained' | 'callbacks' | 'integrations';
  readonly features: readonly string[];
  readonly definition: unknown;
  readonly input: unknown;
  readonly expected: { readonly status: string; readonly output?: unknown; readonly error?: string; readonly cause?: unknown };
  readonly placeholders: boolean;
  readonly historyTypes: readonly string[];
  readonly mockable?: boolean;
  readonly mocks?: unknown;
  readonly notMockableReason?: string;
}

export interface RunLike {
  readonly status: string;
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  readonly events: ReadonlyArray<{ readonly type: string }>;
}

const PLACEHOLDER = /<[^<>]+>/g;

/** Matches `actual` against `expected`, binding placeholders in `bound`. */
export function matches(expected: unknown, actual: unknown, placeholders: boolean, bound: Map<string, string>): boolean {
  if (typeof expected === 'string' && placeholders && PLACEHOLDER.test(expected)) {
    PLACEHOLDER.lastIndex = 0;
    if (typeof actual !== 'string') return false;
    const names: string[] = [];
    const source = expected.split(PLACEHOLDER).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    for (const m of expected.matchAll(PLACEHOLDER)) names.push(m[0]);
    const re = new RegExp(`^${source.join('([\\s\\S]*?)')}$`);
    const m = re.exec(actual);
    if (!m) return false;
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      const value = m[i + 1] ?? '';
      const prior = bound.get(name);
      if (prior !== undefined && prior !== value) return false;
      bound.set(name, value);
    }
    return true;
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(e, actual[i], placeholders, bound));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    const ek = Object.keys(expected);
    const ak = Object.keys(actual);
    if (ek.length !== ak.length) return false;
    return ek.every((k) => k in actual && matches((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k], placeholders, bound));
  }
  return Object.is(expected, actual) || expected === actual;
}

function parsed(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Reasons the run differs from the case; empty when it passes. */
export function differences(c: ConformanceCase, r: RunLike): string[] {
  const want = c.expected;
  if (r.status !== want.status) return [`status ${r.status} (want ${want.status})`];
  const bound = new Map<string, string>();
  const why: string[] = [];
  if ('output' in want && !matches(want.output, r.output, c.placeholders, bound)) why.push(`output ${JSON.stringify(r.output)?.slice(0, 200)}`);
  if ('error' in want && !matches(want.error, r.error, c.placeholders, bound)) why.push(`error ${r.error} (want ${want.error})`);
  if ('cause' in want) {
    const ok = typeof want.cause === 'string' ? matches(want.cause, r.cause, c.placeholders, bound) : matches(want.cause, parsed(r.cause), c.placeholders, bound);
    if (!ok) why.push(`cause ${r.cause?.slice(0, 200)}`);
  }
  return why;
}

export function historyMatches(c: ConformanceCase, r: RunLike): boolean {
  const got = r.events.map((e) => e.type);
  return got.length === c.historyTypes.length && got.every((t, i) => t === c.historyTypes[i]);
}
