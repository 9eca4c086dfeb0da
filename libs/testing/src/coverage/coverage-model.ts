/**
 * Coverage of one state machine across test cases: the states entered, the Choice rules taken
 * (each rule and the Default), and the Retry and Catch paths exercised. Items are enumerated from
 * the definition (Parallel branches and Map processors included) and marked from observations.
 *
 * A Choice rule counts as taken when it is the first rule that matches the Choice's input (JSONPath
 * rules are evaluated again on the input history recorded); where that is not possible (JSONata
 * conditions, rules on variables) the rules whose Next the Choice moved to count. A Retry counts when an
 * attempt failed with an error it matches and the state was tried again; a Catch when a failure
 * it matches moved the state to its Next.
 */
import { evaluateChoiceRule, queryPath, type Json, type JsonObject } from '@stepwise/asl';
import { isJsonObject as isObject } from '../json-values.js';
import type { RunObservation, Transition } from '../run/observation.js';

export type CoverageKind = 'state' | 'choiceRule' | 'retry' | 'catch';

export interface CoverageItem {
  readonly kind: CoverageKind;
  readonly state: string;
  /** Rule, retrier or catcher index; 'Default' for a Choice's Default; absent for states. */
  readonly index?: number | 'Default';
  /** The Next of a Choice rule or a Catcher. */
  readonly next?: string;
  /** ErrorEquals of a Retrier or a Catcher. */
  readonly errors?: readonly string[];
  /** Times hit across the runs. */
  hits: number;
}

export interface Coverage {
  readonly stateMachine: string;
  readonly items: CoverageItem[];
}

export interface CoverageCount {
  readonly covered: number;
  readonly total: number;
  /** 0-100; 100 when there is nothing to cover. */
  readonly percent: number;
}

export interface CoverageSummary {
  readonly stateMachine: string;
  readonly states: CoverageCount;
  readonly choiceRules: CoverageCount;
  readonly retries: CoverageCount;
  readonly catches: CoverageCount;
  readonly all: CoverageCount;
  readonly uncovered: readonly string[];
}

/** What coverage needs to re-evaluate a Choice: its rules and InputPath (kept out of the JSON report). */
interface ChoiceInfo {
  readonly rules: readonly Json[];
  readonly inputPath: Json | undefined;
  readonly jsonPath: boolean;
}
const choiceInfo = new WeakMap<Coverage, Map<string, ChoiceInfo>>();

/** Every coverable item of a definition, none hit yet. */
export function coverageOf(stateMachine: string, definition: Json): Coverage {
  const items: CoverageItem[] = [];
  const choices = new Map<string, ChoiceInfo>();
  const top = isObject(definition) ? definition['QueryLanguage'] : undefined;
  walkStates(definition, items, choices, top === 'JSONata');
  const coverage = { stateMachine, items };
  choiceInfo.set(coverage, choices);
  return coverage;
}

function walkStates(machine: Json | undefined, items: CoverageItem[], choices: Map<string, ChoiceInfo>, jsonata: boolean): void {
  if (!isObject(machine) || !isObject(machine['States'] ?? null)) return;
  for (const [name, raw] of Object.entries(machine['States'] as JsonObject)) {
    if (!isObject(raw)) continue;
    items.push({ kind: 'state', state: name, hits: 0 });
    if (raw['Type'] === 'Choice') {
      const rules = Array.isArray(raw['Choices']) ? raw['Choices'] : [];
      const stateJsonata = raw['QueryLanguage'] === undefined ? jsonata : raw['QueryLanguage'] === 'JSONata';
      choices.set(name, { rules, inputPath: raw['InputPath'], jsonPath: !stateJsonata });
      rules.forEach((rule, i) => {
        items.push({ kind: 'choiceRule', state: name, index: i, next: isObject(rule) ? String(rule['Next'] ?? '') : '', hits: 0 });
      });
      if (typeof raw['Default'] === 'string') items.push({ kind: 'choiceRule', state: name, index: 'Default', next: raw['Default'], hits: 0 });
    }
    for (const [field, kind] of [['Retry', 'retry'], ['Catch', 'catch']] as const) {
      const list = Array.isArray(raw[field]) ? (raw[field] as Json[]) : [];
      list.forEach((entry, i) => {
        const errors = isObject(entry) && Array.isArray(entry['ErrorEquals']) ? entry['ErrorEquals'].map(String) : [];
        const item: CoverageItem = { kind, state: name, index: i, errors, hits: 0 };
        items.push(kind === 'catch' && isObject(entry) ? { ...item, next: String(entry['Next'] ?? '') } : item);
      });
    }
    if (raw['Type'] === 'Parallel' && Array.isArray(raw['Branches'])) for (const b of raw['Branches']) walkStates(b, items, choices, jsonata);
    if (raw['Type'] === 'Map') walkStates((raw['ItemProcessor'] ?? raw['Iterator']) as Json | undefined, items, choices, jsonata);
  }
}

/**
 * Does an ErrorEquals list match an error name, as Retry and Catch match it. States.ALL does not
 * match the terminal States.Runtime and States.DataLimitExceeded unless a task reported them.
 */
export function errorMatches(errors: readonly string[], error: string, reportedByTask = false): boolean {
  if (errors.includes(error)) return true;
  if (!reportedByTask && (error === 'States.Runtime' || error === 'States.DataLimitExceeded')) return false;
  if (errors.includes('States.ALL')) return true;
  return errors.includes('States.TaskFailed') && !error.startsWith('States.') && error !== '';
}

/** Marks what one run exercised. */
export function recordRun(coverage: Coverage, run: Pick<RunObservation, 'entered' | 'transitions' | 'retries'>): void {
  const byState = itemsByState(coverage);
  for (const name of run.entered) {
    const item = byState.get(name)?.state;
    if (item) item.hits++;
  }
  for (const t of run.transitions) {
    const items = byState.get(t.from) ?? NO_ITEMS;
    if (t.error !== undefined) {
      const catchers = items.catches;
      const hit =
        t.error === ''
          ? catchers.find((c) => c.next === t.to)
          : (catchers.find((c) => errorMatches(c.errors ?? [], t.error as string, true) && c.next === t.to) ?? catchers.find((c) => c.next === t.to));
      if (hit) hit.hits++;
      continue;
    }
    const rules = items.choiceRules;
    if (rules.length === 0) continue;
    const matched = matchedRule(choiceInfo.get(coverage)?.get(t.from), t);
    if (matched !== undefined) {
      const hit = rules.find((r) => r.index === matched);
      if (hit && hit.next === t.to) {
        hit.hits++;
        continue;
      }
    }
    for (const rule of rules) if (rule.next === t.to) rule.hits++;
  }
  for (const r of run.retries) {
    const retriers = (byState.get(r.state) ?? NO_ITEMS).retries;
    const hit = r.error === '' ? retriers[0] : retriers.find((i) => errorMatches(i.errors ?? [], r.error, true));
    if (hit) hit.hits++;
  }
}

/**
 * The items of a coverage grouped by state, built once per coverage and kept while its item list
 * keeps its length (recordRun runs once per case; the items only change by their hits).
 */
const grouped = new WeakMap<Coverage, { readonly count: number; readonly byState: Map<string, StateItems> }>();

/** A state's items by kind, in the coverage's order. */
interface StateItems {
  state: CoverageItem | undefined;
  readonly choiceRules: CoverageItem[];
  readonly retries: CoverageItem[];
  readonly catches: CoverageItem[];
}

const NO_ITEMS: StateItems = { state: undefined, choiceRules: [], retries: [], catches: [] };

function itemsByState(coverage: Coverage): Map<string, StateItems> {
  const known = grouped.get(coverage);
  if (known !== undefined && known.count === coverage.items.length) return known.byState;
  const byState = new Map<string, StateItems>();
  for (const item of coverage.items) {
    let entry = byState.get(item.state);
    if (entry === undefined) {
      entry = { state: undefined, choiceRules: [], retries: [], catches: [] };
      byState.set(item.state, entry);
    }
    if (item.kind === 'state') entry.state ??= item;
    else if (item.kind === 'choiceRule') entry.choiceRules.push(item);
    else if (item.kind === 'retry') entry.retries.push(item);
    else entry.catches.push(item);
  }
  grouped.set(coverage, { count: coverage.items.length, byState });
  return byState;
}

/** The index of the first JSONPath rule that matches the input, 'Default', or undefined when it cannot be told. */
function matchedRule(info: ChoiceInfo | undefined, t: Pick<Transition, 'input' | 'inputText'>): number | 'Default' | undefined {
  if (!info || !info.jsonPath || (t.input === undefined && t.inputText === undefined)) return undefined;
  try {
    const raw = t.input !== undefined ? t.input : (JSON.parse(t.inputText as string) as Json);
    const input = info.inputPath === undefined ? raw : info.inputPath === null ? {} : queryPath(String(info.inputPath), { input: raw, context: NO_CONTEXT, variables: noVariables });
    if (input === undefined) return undefined;
    const sources = { input, context: NO_CONTEXT, variables: noVariables };
    for (let i = 0; i < info.rules.length; i++) if (evaluateChoiceRule(info.rules[i] as Json, sources)) return i;
    return 'Default';
  } catch {
    return undefined;
  }
}

/** Coverage re-reads a Choice's input alone: no `$$`, no variables (read-only, shared by every call). */
const NO_CONTEXT: JsonObject = Object.freeze({}) as JsonObject;
const noVariables = (): undefined => undefined;

export function summarizeCoverage(coverage: Coverage): CoverageSummary {
  const count = (kind?: CoverageKind): CoverageCount => {
    const items = coverage.items.filter((i) => kind === undefined || i.kind === kind);
    const covered = items.filter((i) => i.hits > 0).length;
    return { covered, total: items.length, percent: items.length === 0 ? 100 : Math.round((covered / items.length) * 1000) / 10 };
  };
  return {
    stateMachine: coverage.stateMachine,
    states: count('state'),
    choiceRules: count('choiceRule'),
    retries: count('retry'),
    catches: count('catch'),
    all: count(),
    uncovered: coverage.items.filter((i) => i.hits === 0).map(describeItem),
  };
}

export function describeItem(item: CoverageItem): string {
  switch (item.kind) {
    case 'state':
      return `state ${item.state}`;
    case 'choiceRule':
      return item.index === 'Default' ? `${item.state} Default → ${item.next}` : `${item.state} Choices[${item.index}] → ${item.next}`;
    case 'retry':
      return `${item.state} Retry[${item.index}] ${JSON.stringify(item.errors)}`;
    case 'catch':
      return `${item.state} Catch[${item.index}] ${JSON.stringify(item.errors)} → ${item.next}`;
  }
}
