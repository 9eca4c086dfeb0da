// Reads PromQL the way the deploy tests need: which metric names a query uses, and the query
// part of an alert expression (`<query> <comparison> <threshold>`).

const KEYWORDS = new Set([
  'sum', 'min', 'max', 'avg', 'count', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile', 'count_values', 'group',
  'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset',
  'rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'histogram_quantile', 'clamp_min', 'clamp_max', 'clamp',
  'vector', 'scalar', 'abs', 'absent', 'absent_over_time', 'avg_over_time', 'max_over_time', 'min_over_time',
  'sum_over_time', 'count_over_time', 'last_over_time', 'label_replace', 'label_join', 'time', 'timestamp', 'round',
  'ceil', 'floor', 'sort', 'sort_desc', 'changes', 'resets', 'predict_linear', 'inf', 'nan',
]);

/** Metric names a PromQL query selects (histogram suffixes kept: `x_bucket`). */
export function metricNames(query: string): string[] {
  let q = query.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  q = q.replace(/\{[^}]*\}/g, ' ');
  q = q.replace(/\[[^\]]*\]/g, ' ');
  q = q.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const m of q.matchAll(/(?<![\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?=\s*(\(?))/g)) {
    const name = m[1]!;
    const followedByParen = m[2] === '(';
    if (followedByParen || KEYWORDS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names];
}

/** The base metric of a series name (`x_bucket`, `x_sum`, `x_count` → `x`). */
export function baseMetric(name: string, declared: ReadonlySet<string>): string {
  if (declared.has(name)) return name;
  const m = /^(.*)_(bucket|sum|count)$/.exec(name);
  return m && declared.has(m[1]!) ? m[1]! : name;
}

/** `<query> <op> <number>` → `<query>`; anything else unchanged. */
export function queryPart(expr: string): string {
  return expr.replace(/\s*(>=|<=|==|!=|>|<)\s*-?[\d.]+(e[+-]?\d+)?\s*$/i, '').trim();
}
