// The deploy/ files the tests read: dashboards with every panel query, and alert rules.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const repoRoot = new URL('../../../', import.meta.url).pathname;
export const deployDir = join(repoRoot, 'deploy');

export interface PanelQuery {
  readonly dashboard: string;
  readonly panel: string;
  readonly refId: string;
  readonly expr: string;
}

interface DashboardJson {
  uid: string;
  title: string;
  panels: { id: number; title: string; type: string; datasource?: { uid: string }; targets?: { refId: string; expr: string; datasource?: { uid: string } }[] }[];
  templating: { list: { name: string; query: { query: string } | string }[] };
}

export function dashboards(): { file: string; json: DashboardJson }[] {
  const dir = join(deployDir, 'grafana/dashboards');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((file) => ({ file, json: JSON.parse(readFileSync(join(dir, file), 'utf8')) as DashboardJson }));
}

export function panelQueries(): PanelQuery[] {
  return dashboards().flatMap(({ json }) =>
    json.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ dashboard: json.uid, panel: p.title, refId: t.refId, expr: t.expr }))),
  );
}

export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

export function alertRules(): AlertRule[] {
  const doc = parse(readFileSync(join(deployDir, 'prometheus/rules/stepwise.rules.yml'), 'utf8')) as { groups: { name: string; rules: AlertRule[] }[] };
  return doc.groups.flatMap((g) => g.rules);
}
