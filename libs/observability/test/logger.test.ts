import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { startInMemoryTracing, type InMemoryTracing } from '../src/bootstrap.js';
import { childLogger, createLogger, withSpan } from '../src/index.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, stream };
}

let tracing: InMemoryTracing;
beforeAll(() => {
  tracing = startInMemoryTracing();
});
afterAll(async () => {
  await tracing.shutdown();
});

describe('logger', () => {
  it('writes JSON lines with the service, level name, and a child logger’s execution fields', () => {
    const { lines, stream } = capture();
    const log = createLogger({ service: 'worker', level: 'info', destination: stream });
    const jobLog = childLogger(log, { executionArn: 'arn:aws:states:us-east-1:123456789012:execution:M:e', state: 'Charge', jobId: 'e:3:advance', version: 3, requestId: undefined });
    jobLog.info('advanced');
    log.debug('hidden at info');
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ level: 'info', service: 'worker', msg: 'advanced', executionArn: 'arn:aws:states:us-east-1:123456789012:execution:M:e', state: 'Charge', jobId: 'e:3:advance', version: 3 });
    expect(line).not.toHaveProperty('requestId');
    expect(typeof line?.['time']).toBe('string');
  });

  it('adds the active span’s traceId and spanId, unless the child logger carries one', async () => {
    const { lines, stream } = capture();
    const log = createLogger({ service: 'api', level: 'debug', destination: stream });
    let traceId = '';
    await withSpan('StartExecution', {}, (span) => {
      traceId = span.spanContext().traceId;
      log.debug('inside');
      childLogger(log, { traceId: 'feedfeedfeedfeedfeedfeedfeedfeed' }).info('stored trace');
    });
    log.info('outside');
    expect(lines[0]).toMatchObject({ msg: 'inside', traceId });
    expect(lines[0]?.['spanId']).toMatch(/^[0-9a-f]{16}$/);
    expect(lines[1]).toMatchObject({ msg: 'stored trace', traceId: 'feedfeedfeedfeedfeedfeedfeedfeed' });
    expect(lines[2]).not.toHaveProperty('traceId');
  });

  it('level silent writes nothing', () => {
    const { lines, stream } = capture();
    createLogger({ service: 'api', level: 'silent', destination: stream }).error('x');
    expect(lines).toHaveLength(0);
  });
});
