import { describe, expect, it } from 'vitest';
import { actionSpecs, ApiError, validateRequest, parseStateMachineRef, isValidResourceName, encodePageToken, decodePageToken, toApiError } from '@stepwise/protocol';

const limits = { maxPayloadBytes: 262144 };

function err(f: () => unknown): ApiError {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('validateRequest', () => {
  it('reports missing required members in AWS wording', () => {
    const e = err(() => validateRequest(actionSpecs.CreateStateMachine, { name: 'x' }, limits));
    expect(e.type).toBe('ValidationException');
    expect(e.message).toBe(
      "2 validation errors detected: Value null at 'definition' failed to satisfy constraint: Member must not be null; Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
    );
  });

  it('checks lengths, ranges and enums', () => {
    expect(err(() => validateRequest(actionSpecs.StartExecution, { stateMachineArn: 'a', name: 'n'.repeat(81) }, limits)).message).toBe(
      `1 validation error detected: Value '${'n'.repeat(81)}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80`,
    );
    expect(err(() => validateRequest(actionSpecs.ListStateMachines, { maxResults: 1001 }, limits)).message).toContain('Member must have value less than or equal to 1000');
    expect(err(() => validateRequest(actionSpecs.CreateStateMachine, { name: 'a', definition: '{}', roleArn: 'r', type: 'FAST' }, limits)).message).toContain(
      'Member must satisfy enum value set: [STANDARD, EXPRESS]',
    );
  });

  it('does not echo sensitive members and measures payloads in bytes', () => {
    const e = err(() => validateRequest(actionSpecs.StartExecution, { stateMachineArn: 'a', input: 'é'.repeat(600) }, { maxPayloadBytes: 1024 }));
    expect(e.message).toBe("1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 1024");
  });

  it('answers a wrong JSON type with SerializationException and drops unknown members', () => {
    expect(err(() => validateRequest(actionSpecs.ListStateMachines, { maxResults: 'ten' }, limits)).type).toBe('SerializationException');
    expect(err(() => validateRequest(actionSpecs.ListStateMachines, [], limits)).type).toBe('SerializationException');
    expect(validateRequest(actionSpecs.ListStateMachines, { maxResults: 5, extra: 1 }, limits)).toEqual({ maxResults: 5 });
  });

  it('validates nested members (alias routing)', () => {
    const e = err(() => validateRequest(actionSpecs.CreateStateMachineAlias, { name: 'prod', routingConfiguration: [{ stateMachineVersionArn: 'a', weight: 101 }] }, limits));
    expect(e.message).toContain("at 'routingConfiguration.1.member.weight' failed to satisfy constraint: Member must have value less than or equal to 100");
  });
});

describe('ARNs, names, tokens, errors', () => {
  const base = 'arn:aws:states:us-east-1:123456789012:stateMachine:orders';
  it('classifies state machine, version and alias ARNs', () => {
    expect(parseStateMachineRef(base)).toEqual({ kind: 'stateMachine', arn: base, name: 'orders' });
    expect(parseStateMachineRef(`${base}:3`)).toMatchObject({ kind: 'version', version: 3, baseArn: base });
    expect(parseStateMachineRef(`${base}:prod`)).toMatchObject({ kind: 'alias', alias: 'prod', baseArn: base });
    expect(parseStateMachineRef('arn:aws:states:us-east-1:123456789012:activity:x')).toBeUndefined();
    expect(parseStateMachineRef('nope')).toBeUndefined();
  });
  it('follows AWS name rules', () => {
    expect(isValidResourceName('my.machine-1_é')).toBe(true);
    for (const bad of ['', 'a b', 'a:b', 'a/b', 'a*', 'x'.repeat(81)]) expect(isValidResourceName(bad)).toBe(false);
  });
  it('round-trips page tokens and refuses foreign ones', () => {
    expect(decodePageToken('sm', encodePageToken('sm', 'abc'))).toBe('abc');
    expect(err(() => decodePageToken('act', encodePageToken('sm', 'abc'))).type).toBe('InvalidToken');
    expect(err(() => decodePageToken('sm', '!!!')).type).toBe('InvalidToken');
  });
  it('maps engine errors by AWS name', () => {
    const e = Object.assign(new Error('gone'), { code: 'ExecutionDoesNotExist' });
    expect(toApiError(e).toBody()).toEqual({ __type: 'ExecutionDoesNotExist', message: 'gone' });
    expect(toApiError(new Error('boom')).status).toBe(500);
  });
});
