/**
 * An ASL definition turned into a graph model: one node per state (id = the state's JSON pointer
 * in the definition, so validator diagnostics and history events map onto nodes), Parallel
 * branches and Map item processors as nested scopes, and labelled edges for Next, Choice rules,
 * Default, Catch and Retry. Pure and tolerant: a half-typed definition in the editor still draws
 * whatever parts make sense.
 */
import { isRecord, num, pointerToken, str, type JsonRecord, type JsonValue } from '../util/json.js';

export type EdgeKind = 'next' | 'choice' | 'default' | 'catch' | 'retry' | 'start' | 'end';

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: EdgeKind;
  readonly label?: string;
}

export interface GraphState {
  /** JSON pointer of the state in the definition, e.g. `/States/Check`. */
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly isStart: boolean;
  readonly isEnd: boolean;
  /** Resource of a Task (shown under the name). */
  readonly resource?: string;
  /** Nested scopes: one per Parallel branch, one for a Map's item processor. */
  readonly scopes: readonly GraphScope[];
}

export interface GraphScope {
  /** JSON pointer of the object holding StartAt/States. */
  readonly id: string;
  readonly label: string;
  readonly states: readonly GraphState[];
  readonly edges: readonly GraphEdge[];
  readonly startAt?: string;
}

/** Pseudo node ids for the top level's start and end markers. */
export const START_ID = '__start__';
export const END_ID = '__end__';

/** Builds the graph of a whole definition; the top scope gets Start and End markers. */
export function definitionGraph(definition: unknown): GraphScope {
  const root = buildScope(definition, '', 'Definition');
  const edges: GraphEdge[] = [...root.edges];
  const start = root.states.find((s) => s.isStart);
  if (start) edges.push({ id: `${START_ID}->${start.id}`, source: START_ID, target: start.id, kind: 'start' });
  for (const s of root.states) {
    if (s.isEnd) edges.push({ id: `${s.id}->${END_ID}`, source: s.id, target: END_ID, kind: 'end' });
  }
  return { ...root, edges };
}

function buildScope(node: unknown, pointer: string, label: string): GraphScope {
  if (!isRecord(node) || !isRecord(node['States'])) return { id: pointer, label, states: [], edges: [] };
  const statesObj = node['States'];
  const startAt = str(node['StartAt']);
  const ids = new Map<string, string>();
  for (const name of Object.keys(statesObj)) ids.set(name, `${pointer}/States/${pointerToken(name)}`);
  const states: GraphState[] = [];
  const edges: GraphEdge[] = [];
  for (const [name, raw] of Object.entries(statesObj)) {
    const id = ids.get(name) ?? name;
    const def: JsonRecord = isRecord(raw) ? raw : {};
    const type = str(def['Type']) ?? 'Unknown';
    const isEnd = def['End'] === true || type === 'Succeed' || type === 'Fail';
    const scopes: GraphScope[] = [];
    if (type === 'Parallel' && Array.isArray(def['Branches'])) {
      def['Branches'].forEach((b, i) => scopes.push(buildScope(b, `${id}/Branches/${i}`, `Branch ${i + 1}`)));
    }
    if (type === 'Map') {
      const proc = def['ItemProcessor'] ?? def['Iterator'];
      const key = def['ItemProcessor'] !== undefined ? 'ItemProcessor' : 'Iterator';
      scopes.push(buildScope(proc, `${id}/${key}`, 'Item processor'));
    }
    const resource = str(def['Resource']);
    states.push({ id, name, type, isStart: name === startAt, isEnd, scopes, ...(resource !== undefined ? { resource } : {}) });
    edges.push(...stateEdges(id, def, ids));
  }
  return { id: pointer, label, states, edges, ...(startAt !== undefined ? { startAt } : {}) };
}

function stateEdges(id: string, def: JsonRecord, ids: ReadonlyMap<string, string>): GraphEdge[] {
  const out: GraphEdge[] = [];
  const add = (targetName: unknown, kind: EdgeKind, label: string | undefined, key: string): void => {
    const t = typeof targetName === 'string' ? ids.get(targetName) : undefined;
    if (t === undefined) return;
    out.push({ id: `${id}#${key}`, source: id, target: t, kind, ...(label !== undefined ? { label } : {}) });
  };
  add(def['Next'], 'next', undefined, 'Next');
  if (Array.isArray(def['Choices'])) {
    def['Choices'].forEach((rule, i) => {
      if (isRecord(rule)) add(rule['Next'], 'choice', choiceLabel(rule), `Choices/${i}`);
    });
  }
  add(def['Default'], 'default', 'Default', 'Default');
  if (Array.isArray(def['Catch'])) {
    def['Catch'].forEach((c, i) => {
      if (isRecord(c)) add(c['Next'], 'catch', `Catch: ${errorList(c['ErrorEquals'])}`, `Catch/${i}`);
    });
  }
  if (Array.isArray(def['Retry']) && def['Retry'].length > 0) {
    const parts = def['Retry'].filter(isRecord).map((r) => {
      const max = num(r['MaxAttempts']) ?? 3;
      return `${errorList(r['ErrorEquals'])} ×${max}`;
    });
    out.push({ id: `${id}#Retry`, source: id, target: id, kind: 'retry', label: `Retry: ${parts.join('; ')}` });
  }
  return out;
}

function errorList(v: JsonValue | undefined): string {
  return Array.isArray(v) ? v.filter((e) => typeof e === 'string').join(', ') : '?';
}

const OPERATORS = [
  'StringEquals', 'StringLessThan', 'StringGreaterThan', 'StringLessThanEquals', 'StringGreaterThanEquals', 'StringMatches',
  'NumericEquals', 'NumericLessThan', 'NumericGreaterThan', 'NumericLessThanEquals', 'NumericGreaterThanEquals',
  'BooleanEquals', 'TimestampEquals', 'TimestampLessThan', 'TimestampGreaterThan', 'TimestampLessThanEquals',
  'TimestampGreaterThanEquals', 'IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp',
];

/** A short human label for one Choice rule (JSONPath comparison, And/Or/Not, or JSONata Condition). */
export function choiceLabel(rule: JsonRecord): string {
  const cond = str(rule['Condition']);
  if (cond !== undefined) return truncate(cond.replace(/^\{%\s*|\s*%\}$/g, ''));
  return truncate(ruleText(rule));
}

function ruleText(rule: JsonRecord): string {
  if (Array.isArray(rule['And'])) return rule['And'].filter(isRecord).map(ruleText).join(' and ');
  if (Array.isArray(rule['Or'])) return rule['Or'].filter(isRecord).map(ruleText).join(' or ');
  if (isRecord(rule['Not'])) return `not (${ruleText(rule['Not'])})`;
  const variable = str(rule['Variable']) ?? '?';
  for (const op of OPERATORS) {
    for (const key of [op, `${op}Path`]) {
      if (key in rule) return `${variable} ${key} ${JSON.stringify(rule[key])}`;
    }
  }
  return variable;
}

function truncate(s: string, max = 48): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Every state of the graph, nested ones included, in definition order. */
export function allStates(scope: GraphScope): GraphState[] {
  const out: GraphState[] = [];
  const walk = (sc: GraphScope): void => {
    for (const s of sc.states) {
      out.push(s);
      s.scopes.forEach(walk);
    }
  };
  walk(scope);
  return out;
}
