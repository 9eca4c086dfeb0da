import { describe, expect, it } from 'vitest';
import { actionNames, openApiDocument } from '@stepwise/protocol';

type Op = { operationId: string; responses: Record<string, { content: { 'application/json': { schema: Record<string, unknown> } } }>; requestBody?: unknown };

function refs(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => refs(x, out));
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') out.push(x);
      else refs(x, out);
    }
  }
  return out;
}

describe('OpenAPI document', () => {
  const ops = Object.values(openApiDocument.paths).flatMap((item) => Object.values(item) as unknown as Op[]);

  it('is OpenAPI 3.1 with unique operation ids naming AWS actions (or the REST-only reads and time control)', () => {
    expect(openApiDocument.openapi).toBe('3.1.0');
    const ids = ops.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect([...actionNames, 'ListWaitingTasks', 'ListWaitingTasksOfExecution', 'ListMapRunExecutions', 'GetSettings', 'FireTimer']).toContain(id);
  });

  it('types every success response and resolves every $ref', () => {
    for (const op of ops) {
      const [status, res] = Object.entries(op.responses)[0]!;
      expect(status, op.operationId).toMatch(/^20[01]$/);
      const schema = res.content['application/json'].schema;
      expect(schema.$ref !== undefined || Object.keys((schema.properties as object | undefined) ?? {}).length > 0 || op.operationId.match(/^(Delete|Send|Tag|Untag|Update)/), op.operationId).toBeTruthy();
    }
    const schemas = openApiDocument.components.schemas as Record<string, unknown>;
    for (const r of refs(openApiDocument)) expect(schemas[r.replace('#/components/schemas/', '')], r).toBeDefined();
  });

  it('documents time control: the settings read and fire-timer with its response', () => {
    const fire = openApiDocument.paths['/v1/executions/{executionArn}/fire-timer'].post as unknown as Op;
    expect(fire.operationId).toBe('FireTimer');
    expect(fire.responses['200']!.content['application/json'].schema).toEqual({ type: 'object', properties: { fired: { type: 'boolean' } }, required: ['fired'] });
    const settings = openApiDocument.paths['/v1/settings'].get as unknown as Op;
    expect(Object.keys(settings.responses['200']!.content['application/json'].schema.properties as object)).toEqual(['timeControl', 'timeScale']);
  });

  it('derives request bodies from the action table (StartExecution without the ARN from the path)', () => {
    const start = openApiDocument.paths['/v1/state-machines/{stateMachine}/executions'].post as unknown as { requestBody: { content: { 'application/json': { schema: { properties: Record<string, unknown>; required?: string[] } } } } };
    const body = start.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties).sort()).toEqual(['input', 'name', 'traceHeader']);
    expect(body.properties.name).toEqual({ type: 'string', minLength: 1, maxLength: 80 });
    expect(body.required).toBeUndefined();
  });
});
