import { describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTelemetry, tracesUrlFrom } from '../src/bootstrap.js';
import { withSpan, withStateSpan } from '../src/index.js';

describe('telemetry bootstrap', () => {
  it('is off without an OTLP endpoint, or when OTEL_SDK_DISABLED is set', async () => {
    expect(tracesUrlFrom({})).toBeUndefined();
    expect(tracesUrlFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: true })).toBeUndefined();
    expect(tracesUrlFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318/' })).toBe('http://c:4318/v1/traces');
    expect(tracesUrlFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t:1/x' })).toBe('http://t:1/x');
    const t = startTelemetry('worker', {});
    expect(t.enabled).toBe(false);
    await t.shutdown();
  });

  it('exports spans over OTLP/HTTP to the configured endpoint, with the service name', async () => {
    const bodies: { path: string; type: string; body: Buffer }[] = [];
    const collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push({ path: req.url ?? '', type: req.headers['content-type'] ?? '', body: Buffer.concat(chunks) });
        res.setHeader('content-type', 'application/json');
        res.end('{}');
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    const port = (collector.address() as AddressInfo).port;
    try {
      const t = startTelemetry('worker', { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` });
      expect(t.enabled).toBe(true);
      expect(t.tracesUrl).toBe(`http://127.0.0.1:${port}/v1/traces`);
      await withSpan('job advance', {}, () => withStateSpan(undefined, { executionArn: 'arn:e', stateName: 'Charge', stateType: 'Task' }, () => 42));
      await t.shutdown();
      expect(bodies.length).toBeGreaterThan(0);
      expect(bodies[0]!.path).toBe('/v1/traces');
      const all = Buffer.concat(bodies.map((b) => b.body)).toString('latin1');
      expect(all).toContain('state Charge');
      expect(all).toContain('job advance');
      expect(all).toContain('stepwise-worker');
      expect(all).toContain('stepwise.state.type');
    } finally {
      await new Promise((r) => collector.close(r));
    }
  });
});
