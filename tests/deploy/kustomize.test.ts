// k8s/: every overlay is built with `kubectl kustomize` and every object it prints is validated
// against the Kubernetes, KEDA and prometheus-operator schemas (kubernetes-models), then checked
// for what operating Stepwise needs: probes, resources, security contexts, graceful termination,
// references that resolve, PDBs, the api HPA, the KEDA scaler on the engine's own queue key, the
// ServiceMonitor, NetworkPolicies, and Redis (in-cluster with AOF in dev, external in production).
// Skips, saying so, where kubectl is missing.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';
import { configSchema } from '@stepwise/config';
import { createKeys } from '../../libs/engine/src/keys.js';
import { advanceWaitListKey, expressWaitListKey } from '../../libs/engine/src/queues/names.js';
import { repoRoot } from './support/deploy-files.js';
import { validateObject, type K8sObject } from './support/k8s-models.js';
import { which } from './support/tools.js';

const kubectl = which('kubectl');
if (!kubectl) console.warn('kubectl not found on PATH: skipping the kustomize builds and schema checks (install kubectl to run them)');

const OVERLAYS = ['dev', 'production-example'] as const;

function build(dir: string): K8sObject[] {
  const out = execFileSync(kubectl!, ['kustomize', join(repoRoot, 'k8s', dir)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return parseAllDocuments(out).map((d) => d.toJSON() as K8sObject).filter(Boolean);
}

type Any = any;
const of = (objs: K8sObject[], kind: string) => objs.filter((o) => o.kind === kind) as Any[];
const one = (objs: K8sObject[], kind: string, name: string): Any => {
  const o = objs.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`${kind} ${name} missing`);
  return o;
};
const matches = (selector: Record<string, string>, labels: Record<string, string> | undefined) =>
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);

describe.skipIf(!kubectl)('kustomize overlays', () => {
  const built = Object.fromEntries([...OVERLAYS, 'base'].map((o) => [o, kubectl ? build(o === 'base' ? 'base' : `overlays/${o}`) : []])) as Record<string, K8sObject[]>;

  it('a schema check can fail (an invalid Deployment and a ScaledObject with a numeric metadata value are refused)', () => {
    expect(() => validateObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 'two', selector: {}, template: {} } })).toThrow(/replicas/);
    const so = structuredClone(one(built['base']!, 'ScaledObject', 'stepwise-worker'));
    so.spec.triggers[0].metadata.listLength = 100;
    expect(() => validateObject(so)).toThrow();
  });

  describe.each(['base', ...OVERLAYS])('%s', (overlay) => {
    const objs = built[overlay]!;

    it('every object is valid against its schema', () => {
      expect(objs.length).toBeGreaterThan(15);
      for (const o of objs) expect(() => validateObject(o), `${o.kind} ${o.metadata.name}`).not.toThrow();
    });

    it('every Deployment has probes, resources, a restricted security context and graceful termination', () => {
      const deps = of(objs, 'Deployment');
      expect(deps.map((d) => d.metadata.name).sort()).toEqual(['stepwise-api', 'stepwise-scheduler', 'stepwise-worker']);
      for (const d of deps) {
        const pod = d.spec.template.spec;
        expect(matches(d.spec.selector.matchLabels, d.spec.template.metadata.labels)).toBe(true);
        expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
        expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
        expect(pod.automountServiceAccountToken).toBe(false);
        for (const c of pod.containers) {
          expect(c.args).toEqual([d.metadata.labels['app.kubernetes.io/component']]);
          expect(c.livenessProbe.httpGet.path).toBe('/healthz');
          expect(c.readinessProbe.httpGet.path).toBe('/readyz');
          expect(c.startupProbe).toBeDefined();
          expect(c.resources.requests).toHaveProperty('cpu');
          expect(c.resources.requests).toHaveProperty('memory');
          expect(c.resources.limits).toHaveProperty('memory');
          expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
          expect(c.lifecycle.preStop.exec.command).toEqual(['sleep', '5']);
          const port = c.ports[0];
          expect(c.env.find((e: Any) => e.name === 'PORT').value).toBe(String(port.containerPort));
          expect(c.livenessProbe.httpGet.port).toBe(port.name);
        }
      }
      expect(one(objs, 'Deployment', 'stepwise-scheduler').spec.replicas).toBe(2);
      expect(one(objs, 'Deployment', 'stepwise-worker').spec.replicas).toBeUndefined();
    });

    it('each Service selects pods of a workload and targets a named container port', () => {
      const workloads = [...of(objs, 'Deployment'), ...of(objs, 'StatefulSet')];
      for (const s of of(objs, 'Service')) {
        if (s.spec.type === 'ExternalName') continue;
        const w = workloads.find((x) => matches(s.spec.selector, x.spec.template.metadata.labels));
        expect(w, `Service ${s.metadata.name} selects nothing`).toBeDefined();
        const names = w.spec.template.spec.containers.flatMap((c: Any) => c.ports.map((p: Any) => p.name));
        for (const p of s.spec.ports) expect(names).toContain(p.targetPort);
      }
    });

    it('ConfigMap keys are configuration settings, and every ConfigMap and Secret referenced resolves', () => {
      const cm = of(objs, 'ConfigMap').find((c) => c.metadata.name.startsWith('stepwise-config'));
      const known = new Set([...Object.keys(configSchema.shape), 'REDIS_ADDRESS']);
      for (const k of Object.keys(cm.data)) expect(known.has(k), `unknown setting ${k}`).toBe(true);
      const external = overlay === 'dev' ? [] : ['stepwise-secrets'];
      const names = (kind: string) => new Set(of(objs, kind).map((o) => o.metadata.name));
      for (const d of [...of(objs, 'Deployment'), ...of(objs, 'StatefulSet')]) {
        for (const c of d.spec.template.spec.containers) {
          for (const e of c.envFrom ?? []) {
            if (e.configMapRef) expect(names('ConfigMap').has(e.configMapRef.name)).toBe(true);
            if (e.secretRef) expect(names('Secret').has(e.secretRef.name) || external.includes(e.secretRef.name), e.secretRef.name).toBe(true);
          }
          for (const e of c.env ?? []) {
            const ref = e.valueFrom?.secretKeyRef;
            if (ref) expect(names('Secret').has(ref.name) || external.includes(ref.name), ref.name).toBe(true);
          }
        }
      }
    });

    it('PodDisruptionBudgets cover every Deployment; the api has an HPA', () => {
      const pdbs = of(objs, 'PodDisruptionBudget');
      for (const d of of(objs, 'Deployment')) expect(pdbs.some((p) => matches(p.spec.selector.matchLabels, d.spec.template.metadata.labels)), d.metadata.name).toBe(true);
      const hpa = one(objs, 'HorizontalPodAutoscaler', 'stepwise-api');
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'stepwise-api' });
      expect(hpa.spec.minReplicas).toBeLessThanOrEqual(hpa.spec.maxReplicas);
    });

    it('KEDA scales workers on the advance queue wait list named by the engine (libs/engine/src/queues/names.ts)', () => {
      const so = one(objs, 'ScaledObject', 'stepwise-worker');
      expect(so.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'stepwise-worker' });
      expect(so.spec.minReplicaCount).toBeGreaterThanOrEqual(1);
      const [trigger] = so.spec.triggers;
      expect(trigger.type).toBe('redis');
      const cm = of(objs, 'ConfigMap').find((c) => c.metadata.name.startsWith('stepwise-config'));
      expect(trigger.metadata.listName).toBe(advanceWaitListKey(createKeys(cm.data.STEPWISE_KEY_PREFIX)));
      // and on the express queue's (asynchronous EXPRESS runs)
      expect(so.spec.triggers[1]?.metadata.listName).toBe(expressWaitListKey(createKeys(cm.data.STEPWISE_KEY_PREFIX)));
      expect(trigger.metadata.listLength).toMatch(/^[1-9]\d*$/);
      expect(['true', 'false']).toContain(trigger.metadata.enableTLS);
      // The worker container must define the env variables the trigger reads.
      const worker = one(objs, 'Deployment', 'stepwise-worker').spec.template.spec.containers[0];
      expect(cm.data[trigger.metadata.addressFromEnv]).toMatch(/^[\w.-]+:\d+$/);
      expect(worker.envFrom.some((e: Any) => e.configMapRef?.name === cm.metadata.name)).toBe(true);
      expect(worker.env.some((e: Any) => e.name === trigger.metadata.passwordFromEnv)).toBe(true);
    });

    it('the ServiceMonitor scrapes every Stepwise Service by a port it has', () => {
      const sm = one(objs, 'ServiceMonitor', 'stepwise');
      const ports = new Set(sm.spec.endpoints.map((e: Any) => e.port));
      const scraped = of(objs, 'Service').filter((s) => matches(sm.spec.selector.matchLabels, s.metadata.labels));
      expect(scraped.map((s) => s.metadata.name).sort()).toEqual(['stepwise-api', 'stepwise-scheduler', 'stepwise-worker']);
      for (const s of scraped) expect(s.spec.ports.some((p: Any) => ports.has(p.name)), s.metadata.name).toBe(true);
      expect(sm.spec.jobLabel).toBe('app.kubernetes.io/name');
    });

    it('the PrometheusRule carries exactly the alert rules of deploy/prometheus', () => {
      const rule = one(objs, 'PrometheusRule', 'stepwise');
      const source = parse(readFileSync(join(repoRoot, 'deploy/prometheus/rules/stepwise.rules.yml'), 'utf8')) as { groups: unknown[] };
      expect(rule.spec.groups).toEqual(source.groups);
    });

    it('NetworkPolicies deny ingress by default and open the api port and /metrics to monitoring', () => {
      const nps = of(objs, 'NetworkPolicy');
      const deny = nps.find((n) => Object.keys(n.spec.podSelector).length === 0);
      expect(deny.spec.policyTypes).toEqual(['Ingress']);
      expect(deny.spec.ingress).toBeUndefined();
      const api = nps.find((n) => n.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === 'stepwise-api');
      expect(api.spec.ingress[0].ports[0].port).toBe(8083);
      const scrape = nps.find((n) => n.metadata.name === 'stepwise-metrics-scrape');
      expect(scrape.spec.ingress[0].from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name']).toBe('monitoring');
    });
  });

  it('dev runs Redis as a StatefulSet with the append-only file on a PersistentVolumeClaim', () => {
    const objs = built['dev']!;
    const redis = one(objs, 'StatefulSet', 'stepwise-redis');
    const c = redis.spec.template.spec.containers[0];
    const args: string[] = c.args;
    expect(args[args.indexOf('--appendonly') + 1]).toBe('yes');
    const dir = args[args.indexOf('--dir') + 1];
    const claim = redis.spec.volumeClaimTemplates[0];
    expect(c.volumeMounts.find((m: Any) => m.name === claim.metadata.name).mountPath).toBe(dir);
    expect(claim.spec.resources.requests.storage).toMatch(/Gi$/);
    const secret = of(objs, 'Secret')[0];
    const url = Buffer.from(secret.data.REDIS_URL, 'base64').toString();
    expect(url).toBe(`redis://${one(objs, 'Service', 'stepwise-redis').metadata.name}:6379`);
    expect(of(objs, 'NetworkPolicy').some((n) => n.metadata.name === 'stepwise-redis-ingress')).toBe(true);
    expect(objs.every((o) => o.kind === 'Namespace' || o.metadata.namespace === 'stepwise-dev')).toBe(true);
  });

  it('production uses an external Redis over TLS: no Redis workload, no Secret in the repository', () => {
    const objs = built['production-example']!;
    expect(of(objs, 'StatefulSet')).toEqual([]);
    expect(of(objs, 'Secret')).toEqual([]);
    expect(one(objs, 'Service', 'stepwise-redis').spec).toMatchObject({ type: 'ExternalName', externalName: 'redis.example.internal' });
    expect(one(objs, 'ScaledObject', 'stepwise-worker').spec.triggers[0].metadata.enableTLS).toBe('true');
    const cm = one(objs, 'ConfigMap', 'stepwise-config');
    expect(cm.data).toMatchObject({ STEPWISE_ENV: 'production', STEPWISE_AUTH: 'required' });
    for (const d of of(objs, 'Deployment')) expect(d.spec.template.spec.containers[0].image).toMatch(/^ghcr\.io\/stepwise\/stepwise:\d+\.\d+\.\d+$/);
  });
});
