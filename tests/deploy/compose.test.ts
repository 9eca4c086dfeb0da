// docker-compose.yml's structure, since no container engine runs in CI: the services of the stack,
// their images, ports, health checks and start order, Redis durability, replicas, and that every
// file it mounts from deploy/ exists.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './support/deploy-files.js';

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[]; interval?: string; retries?: number };
  depends_on?: Record<string, { condition: string }> | string[];
  deploy?: { replicas?: number };
  container_name?: string;
}
interface Compose { services: Record<string, ComposeService>; volumes: Record<string, unknown> }

const compose = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as Compose;
const svc = (name: string): ComposeService => {
  const s = compose.services[name];
  if (!s) throw new Error(`docker-compose.yml has no service ${name}`);
  return s;
};
const dependsOn = (s: ComposeService): Record<string, string> =>
  Array.isArray(s.depends_on) ? Object.fromEntries(s.depends_on.map((d) => [d, 'service_started'])) : Object.fromEntries(Object.entries(s.depends_on ?? {}).map(([k, v]) => [k, v.condition]));

describe('docker-compose.yml', () => {
  it('has the whole stack', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'grafana', 'jaeger', 'otel-collector', 'prometheus', 'redis', 'scheduler', 'worker']);
  });

  it('every service has a pinned image (no :latest)', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      expect(s.image, name).toMatch(/^[\w./-]+:[\w.-]+$/);
      expect(s.image, name).not.toMatch(/:latest$/);
    }
  });

  it('Redis keeps an append-only file on a named volume and has a health check', () => {
    const r = svc('redis');
    expect(r.command).toEqual(expect.arrayContaining(['redis-server', '--appendonly', 'yes']));
    const vol = r.volumes?.find((v) => v.endsWith(':/data'));
    expect(vol?.split(':')[0]).toBe('redis-data');
    expect(compose.volumes).toHaveProperty('redis-data');
    expect(r.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('api, scheduler and worker run the one image built from the Dockerfile, each selecting its service', () => {
    for (const name of ['api', 'scheduler', 'worker']) {
      const s = svc(name);
      expect(s.image).toBe('stepwise:local');
      expect(s.build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
      expect(s.command).toEqual([name]);
      expect(s.environment?.['REDIS_URL']).toBe('redis://redis:6379');
      expect(s.environment?.['OTEL_EXPORTER_OTLP_ENDPOINT']).toBe('http://otel-collector:4318');
      expect(dependsOn(s)['redis']).toBe('service_healthy');
      expect(s.healthcheck?.test).toEqual(['CMD', 'node', '/app/healthcheck.mjs']);
    }
    expect(existsSync(join(repoRoot, 'Dockerfile'))).toBe(true);
  });

  it('the api publishes 8083; scheduler runs two replicas; workers scale (no fixed name or host port)', () => {
    expect(svc('api').ports).toContain('8083:8083');
    expect(svc('api').environment?.['PORT']).toBe('8083');
    expect(svc('scheduler').deploy?.replicas).toBe(2);
    for (const name of ['scheduler', 'worker']) {
      const s = svc(name);
      expect(s.ports, name).toBeUndefined();
      expect(s.container_name, name).toBeUndefined();
      expect(s.environment?.['PORT'], name).toBe('9464');
    }
  });

  it('Prometheus mounts deploy/prometheus, whose scrape jobs reach the services by their compose names and ports', () => {
    const p = svc('prometheus');
    expect(p.volumes).toContain('./deploy/prometheus:/etc/prometheus:ro');
    expect(p.ports).toContain('9090:9090');
    const cfg = parse(readFileSync(join(repoRoot, 'deploy/prometheus/prometheus.yml'), 'utf8')) as { scrape_configs: { job_name: string; dns_sd_configs?: { names: string[]; port: number }[] }[] };
    const jobs = Object.fromEntries(cfg.scrape_configs.map((j) => [j.job_name, j.dns_sd_configs?.[0]]));
    expect(jobs['stepwise-api']).toMatchObject({ names: ['api'], port: 8083 });
    expect(jobs['stepwise-worker']).toMatchObject({ names: ['worker'], port: 9464 });
    expect(jobs['stepwise-scheduler']).toMatchObject({ names: ['scheduler'], port: 9464 });
  });

  it('Grafana is provisioned with the datasource and every dashboard', () => {
    const g = svc('grafana');
    expect(g.volumes).toEqual(expect.arrayContaining(['./deploy/grafana/provisioning:/etc/grafana/provisioning:ro', './deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro']));
    expect(g.ports).toContain('3000:3000');
    expect(dependsOn(g)['prometheus']).toBe('service_healthy');
    const prov = parse(readFileSync(join(repoRoot, 'deploy/grafana/provisioning/dashboards/stepwise.yaml'), 'utf8')) as { providers: { options: { path: string } }[] };
    expect(prov.providers[0]?.options.path).toBe('/var/lib/grafana/dashboards');
  });

  it('the OpenTelemetry collector receives OTLP and exports traces to Jaeger', () => {
    const c = svc('otel-collector');
    expect(c.ports).toEqual(expect.arrayContaining(['4317:4317', '4318:4318']));
    const mount = c.volumes?.[0]?.split(':');
    expect(mount?.[0]).toBe('./deploy/otel-collector/config.yaml');
    expect(c.command?.[0]).toBe(`--config=${mount?.[1]}`);
    const cfg = parse(readFileSync(join(repoRoot, 'deploy/otel-collector/config.yaml'), 'utf8')) as {
      receivers: { otlp: { protocols: Record<string, unknown> } };
      exporters: Record<string, { endpoint?: string }>;
      service: { pipelines: { traces: { receivers: string[]; exporters: string[] } } };
    };
    expect(Object.keys(cfg.receivers.otlp.protocols).sort()).toEqual(['grpc', 'http']);
    expect(cfg.service.pipelines.traces.receivers).toEqual(['otlp']);
    expect(cfg.service.pipelines.traces.exporters).toContain('otlp/jaeger');
    expect(cfg.exporters['otlp/jaeger']?.endpoint).toBe('jaeger:4317');
    expect(svc('jaeger').environment?.['COLLECTOR_OTLP_ENABLED']).toBe('true');
    expect(svc('jaeger').ports).toContain('16686:16686');
  });

  it('every file or folder mounted from the repository exists', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      for (const v of s.volumes ?? []) {
        const src = v.split(':')[0]!;
        if (src.startsWith('./')) expect(existsSync(join(repoRoot, src)), `${name}: ${src}`).toBe(true);
        else expect(compose.volumes, `${name}: named volume ${src}`).toHaveProperty(src);
      }
    }
  });
});
