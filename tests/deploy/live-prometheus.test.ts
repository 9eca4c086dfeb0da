// A real Prometheus scrapes running Stepwise processes while executions run, then every dashboard
// panel query and every alert expression is evaluated through Prometheus's HTTP API:
//   - each panel query returns data (at least one finite value over the last seconds);
//   - each alert expression evaluates, and its query part (before the threshold) returns data;
//   - no panel or alert names a metric the processes do not export;
//   - Prometheus loaded every alert rule and evaluates it without error.
// Targets: the built api, worker and scheduler (services/*/dist/main.js) on the run's Redis, driven
// with the AWS SDK (support/service-targets.ts); or, with STEPWISE_PROM_TARGETS=sample or when the
// services are not built, stand-ins serving the one metrics module (support/sample-targets.ts).
// Skips, saying so, where the prometheus binary is missing (.ci/run installs Debian's prometheus).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { alertRules, deployDir, panelQueries, dashboards } from './support/deploy-files.js';
import { baseMetric, metricNames, queryPart } from './support/promql.js';
import { startPrometheus, type PrometheusServer, type PromSample } from './support/prometheus-server.js';
import { startSampleTargets, type Targets } from './support/sample-targets.js';
import { servicesBuilt, startServiceTargets } from './support/service-targets.js';
import { missingToolMessage, which } from './support/tools.js';

const prometheus = which('prometheus');
if (!prometheus) console.warn(missingToolMessage('prometheus', 'prometheus'));

const requested = process.env['STEPWISE_PROM_TARGETS'];
// The real services when they are built (they export every metric the dashboards read), so the
// dashboards and alerts are proven against what the services export; STEPWISE_PROM_TARGETS=sample
// asks for the stand-ins, and unbuilt services fall back to them, saying so.
const mode: 'services' | 'sample' = requested !== 'sample' && servicesBuilt() ? 'services' : 'sample';
if (requested !== 'sample' && !servicesBuilt()) console.warn('services/*/dist/main.js are not built (npm run build): using the stand-in targets');

const RATE_INTERVAL = '10s';
const WINDOW_S = 20;

function hasFiniteValue(samples: PromSample[]): boolean {
  return samples.some((s) => s.values.some(([, v]) => Number.isFinite(Number(v))));
}

describe.skipIf(!prometheus)(`a real Prometheus scraping Stepwise (${mode})`, () => {
  let prom: PrometheusServer;
  let targets: Targets;
  let traffic: NodeJS.Timeout | undefined;
  let ticking: Promise<void> = Promise.resolve();
  let exported: Set<string>;
  let stateMachine = '';

  beforeAll(async () => {
    targets = mode === 'services' ? await startServiceTargets(inject('redisUrl')) : await startSampleTargets(inject('redisUrl'));
    prom = await startPrometheus(prometheus!, targets.targets, [join(deployDir, 'prometheus/rules/stepwise.rules.yml')]);
    const run = () => {
      ticking = ticking.then(() => targets.tick()).catch((e: unknown) => console.warn('traffic:', e));
    };
    run();
    traffic = setInterval(run, 250);
    // Let every target be scraped a dozen times with traffic flowing.
    const deadline = Date.now() + 90_000;
    for (;;) {
      await new Promise((r) => setTimeout(r, 1000));
      const scrapes = await prom.query('min(count_over_time(up[1m]))');
      if (Number(scrapes[0]?.value[1] ?? 0) >= 12) break;
      if (Date.now() > deadline) throw new Error('Prometheus did not scrape the targets a dozen times in 90 s');
    }
    // Exported = declared on some target's /metrics (a `# TYPE` line, even before a first sample),
    // or a series Prometheus holds (`up`).
    exported = new Set(await prom.get<string[]>('/api/v1/label/__name__/values'));
    for (const t of targets.targets) {
      const text = await (await fetch(`http://127.0.0.1:${t.port}/metrics`)).text();
      for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
        exported.add(name!);
        if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) exported.add(`${name!}${suffix}`);
      }
    }
    const sms = await prom.get<string[]>(`/api/v1/label/state_machine/values?match[]=stepwise_executions_started_total`);
    stateMachine = sms[0] ?? '';
  }, 150_000);

  afterAll(async () => {
    if (traffic) clearInterval(traffic);
    await ticking;
    await prom?.stop();
    await targets?.stop();
  }, 60_000);

  it('scrapes every target', async () => {
    const up = await prom.query('up');
    expect(up.map((u) => u.metric['job']).sort()).toEqual(targets.targets.map((t) => t.job).sort());
    for (const u of up) expect(u.value[1], u.metric['job']).toBe('1');
  });

  it('every metric a dashboard or an alert names is exported by the running processes', () => {
    const exprs = [...panelQueries().map((q) => `${q.dashboard}/${q.panel}: ${q.expr}`), ...alertRules().map((r) => `${r.alert}: ${r.expr}`)];
    const missing = exprs.flatMap((e) => metricNames(e.slice(e.indexOf(': ') + 2)).filter((n) => !exported.has(n) && !exported.has(baseMetric(n, exported))).map((n) => `${e.slice(0, e.indexOf(': '))}: ${n}`));
    expect(missing).toEqual([]);
  });

  it('exactly one scheduler leads, and every process reports its Redis connection up', async () => {
    const leaders = await prom.query('sum(stepwise_scheduler_leader)');
    expect(leaders[0]?.value[1]).toBe('1');
    const redis = await prom.query('min by (job) (stepwise_redis_connected)');
    expect(redis.map((r) => `${r.metric['job']}=${r.value[1]}`).sort()).toEqual(targets.targets.map((t) => `${t.job}=1`).sort());
  });

  it('the per-state-machine dashboard variable has values', () => {
    expect(stateMachine).not.toBe('');
  });

  const panels = panelQueries();
  it.each(panels.map((p) => [`${p.dashboard} / ${p.panel} / ${p.refId}`, p.expr]))('panel %s returns data', async (_name, expr) => {
    const q = expr.replaceAll('$__rate_interval', RATE_INTERVAL).replaceAll('$state_machine', stateMachine);
    const res = await prom.queryRange(q, WINDOW_S);
    expect(hasFiniteValue(res), `no data for ${q}`).toBe(true);
  });

  it.each(alertRules().map((r) => [r.alert, r.expr]))('alert %s evaluates and its query returns data', async (_name, expr) => {
    await prom.query(expr);
    const res = await prom.queryRange(queryPart(expr), WINDOW_S);
    expect(hasFiniteValue(res), `no data for ${queryPart(expr)}`).toBe(true);
  });

  it('Prometheus loaded every alert rule and evaluates each without error', async () => {
    const data = await prom.get<{ groups: { rules: { name: string; health: string; lastError?: string; type: string }[] }[] }>('/api/v1/rules');
    const rules = data.groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.name).sort()).toEqual(alertRules().map((r) => r.alert).sort());
    for (const r of rules) expect(`${r.name}: ${r.health} ${r.lastError ?? ''}`.trim()).toBe(`${r.name}: ok`);
  });

  it('covers all three dashboards', () => {
    expect(new Set(panels.map((p) => p.dashboard)).size).toBe(dashboards().length);
  });
});
