// Per-state rules: Type, allowed fields per type, Next/End, and the fields of Task, Wait, Pass,
// Fail and Parallel (types, ranges, exclusive pairs, paths).
import { describe, it } from 'vitest';
import type { BadCase } from './helpers.js';
import { expectError, expectValid, oneState } from './helpers.js';

const S = '/States/S';
const task = (extra: Record<string, unknown>) => oneState({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, ...extra });
const wait = (extra: Record<string, unknown>) => oneState({ Type: 'Wait', End: true, ...extra });

const bad: BadCase[] = [
  { name: 'a state without Type', definition: oneState({ End: true }), code: 'SCHEMA_VALIDATION_FAILED', location: S, text: '[Type]' },
  {
    name: 'an unknown Type',
    definition: oneState({ Type: 'Sleep', End: true }),
    code: 'SCHEMA_VALIDATION_FAILED',
    location: `${S}/Type`,
    text: "The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]",
  },
  { name: 'a state that is not an object', definition: oneState('Pass' as never), code: 'SCHEMA_VALIDATION_FAILED', location: S },
  { name: 'an unknown field', definition: oneState({ Type: 'Pass', End: true, Nxt: 'x' }), code: 'SCHEMA_VALIDATION_FAILED', location: S, text: 'The field "Nxt" is not supported by Step Functions' },
  { name: 'TimeoutSeconds on a Pass state', definition: oneState({ Type: 'Pass', End: true, TimeoutSeconds: 3 }), code: 'SCHEMA_VALIDATION_FAILED', location: S, text: "Field 'TimeoutSeconds' is not supported" },
  { name: 'Retry on a Wait state', definition: wait({ Seconds: 1, Retry: [] }), code: 'SCHEMA_VALIDATION_FAILED', location: S, text: "Field 'Retry' is not supported" },
  { name: 'Next on a Succeed state', definition: { StartAt: 'S', States: { S: { Type: 'Succeed', Next: 'T' }, T: { Type: 'Succeed' } } }, code: 'SCHEMA_VALIDATION_FAILED', location: S, text: "Field 'Next' is not supported" },
  { name: 'End on a Fail state', definition: oneState({ Type: 'Fail', End: true }), code: 'SCHEMA_VALIDATION_FAILED', location: S, text: "Field 'End' is not supported" },
  { name: 'InputPath on a Fail state', definition: oneState({ Type: 'Fail', InputPath: '$' }), code: 'SCHEMA_VALIDATION_FAILED', location: S, text: "Field 'InputPath' is not supported" },
  {
    name: 'End on a Choice state',
    definition: oneState({ Type: 'Choice', End: true, Choices: [{ Variable: '$.a', IsPresent: true, Next: 'S' }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    location: S,
    text: "Field 'End' is not supported",
  },
  { name: 'neither Next nor End', definition: oneState({ Type: 'Pass' }), code: 'SCHEMA_VALIDATION_FAILED', location: S, text: '[Next, End]' },
  { name: 'both Next and End', definition: oneState({ Type: 'Pass', Next: 'S', End: true }), code: 'SCHEMA_VALIDATION_FAILED', location: S, text: '[Next, End]' },
  { name: 'End false without Next', definition: { StartAt: 'S', States: { S: { Type: 'Pass', End: false }, T: { Type: 'Succeed' } } }, code: 'SCHEMA_VALIDATION_FAILED', location: S },
  { name: 'End that is not a boolean', definition: oneState({ Type: 'Pass', End: 'true' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/End`, text: '[BOOLEAN]' },
  { name: 'an invalid InputPath', definition: oneState({ Type: 'Pass', End: true, InputPath: 'a.b' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/InputPath`, text: 'valid JSONPath' },
  { name: 'an invalid OutputPath', definition: oneState({ Type: 'Pass', End: true, OutputPath: '$[' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/OutputPath` },
  { name: 'a ResultPath that is not a reference path', definition: oneState({ Type: 'Pass', End: true, ResultPath: '$.a[*]' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/ResultPath`, text: 'Reference Path' },
  { name: 'a ResultPath into the context object', definition: oneState({ Type: 'Pass', End: true, ResultPath: '$$.Execution.x' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/ResultPath` },
  { name: 'a ResultPath into a variable', definition: task({ ResultPath: '$myVar' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/ResultPath` },
  // Task
  { name: 'a Task without Resource', definition: oneState({ Type: 'Task', End: true }), code: 'SCHEMA_VALIDATION_FAILED', location: S, text: '[Resource]' },
  { name: 'a Resource that is not a string', definition: task({ Resource: 7 }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Resource` },
  { name: 'TimeoutSeconds of 0', definition: task({ TimeoutSeconds: 0 }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/TimeoutSeconds` },
  { name: 'TimeoutSeconds as a string in a JSONPath state', definition: task({ TimeoutSeconds: '10' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/TimeoutSeconds`, text: '[INTEGER]' },
  { name: 'TimeoutSeconds with TimeoutSecondsPath', definition: task({ TimeoutSeconds: 5, TimeoutSecondsPath: '$.t' }), code: 'SCHEMA_VALIDATION_FAILED', location: S, text: '[TimeoutSeconds, TimeoutSecondsPath]' },
  { name: 'HeartbeatSeconds with HeartbeatSecondsPath', definition: task({ HeartbeatSeconds: 5, HeartbeatSecondsPath: '$.h' }), code: 'SCHEMA_VALIDATION_FAILED', location: S },
  { name: 'HeartbeatSeconds not below TimeoutSeconds', definition: task({ TimeoutSeconds: 10, HeartbeatSeconds: 10 }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/HeartbeatSeconds` },
  { name: 'a TimeoutSecondsPath that is not a reference path', definition: task({ TimeoutSecondsPath: '$..t' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/TimeoutSecondsPath` },
  { name: 'Credentials that are not an object', definition: task({ Credentials: 'role' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Credentials` },
  { name: 'Credentials without RoleArn', definition: task({ Credentials: { Role: 'x' } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Credentials`, text: '[RoleArn]' },
  { name: 'a ResultSelector that is not an object', definition: task({ ResultSelector: [] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/ResultSelector`, text: '[OBJECT]' },
  { name: 'a .$ parameter with an invalid path', definition: task({ Parameters: { 'a.$': 'nope' } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Parameters/a.$` },
  { name: 'a nested .$ parameter with a malformed intrinsic', definition: task({ Parameters: { x: { 'b.$': "States.Format('a', $.x" } } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Parameters/x/b.$`, text: 'intrinsic' },
  { name: 'an intrinsic function AWS does not define', definition: task({ Parameters: { 'a.$': 'States.Concat($.a, $.b)' } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Parameters/a.$`, text: "'States.Concat' does not exist" },
  { name: 'an intrinsic call with too many arguments', definition: task({ Parameters: { 'a.$': 'States.UUID(1)' } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Parameters/a.$`, text: 'argument' },
  { name: 'a nested intrinsic call with too few arguments', definition: task({ Parameters: { 'a.$': 'States.Format(\'{}\', States.ArrayGetItem($.a))' } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Parameters/a.$`, text: 'States.ArrayGetItem' },
  { name: 'a .$ value that is not a string', definition: task({ Parameters: { 'a.$': 1 } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Parameters/a.$`, text: '[STRING]' },
  { name: 'a .$ ResultSelector value with an invalid path', definition: task({ ResultSelector: { 'a.$': '$.[' } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/ResultSelector/a.$` },
  { name: 'a waitForTaskToken Task in an EXPRESS machine', definition: task({ Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken' }), options: { type: 'EXPRESS' }, code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Resource`, text: "'.waitForTaskToken'" },
  { name: 'a .sync Task in an EXPRESS machine', definition: task({ Resource: 'arn:aws:states:::states:startExecution.sync:2' }), options: { type: 'EXPRESS' }, code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Resource`, text: "'.sync'" },
  { name: 'an activity Task in an EXPRESS machine', definition: task({ Resource: 'arn:aws:states:us-east-1:123456789012:activity:a' }), options: { type: 'EXPRESS' }, code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Resource`, text: 'Express state machine does not support Activity ARN' },
  // Wait
  { name: 'a Wait with no duration', definition: wait({}), code: 'SCHEMA_VALIDATION_FAILED', location: S, text: '[Seconds, Timestamp, SecondsPath, TimestampPath]' },
  { name: 'a Wait with Seconds and Timestamp', definition: wait({ Seconds: 1, Timestamp: '2024-01-01T00:00:00Z' }), code: 'SCHEMA_VALIDATION_FAILED', location: S },
  { name: 'negative Seconds', definition: wait({ Seconds: -1 }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Seconds`, text: 'greater than or equal to 0' },
  { name: 'fractional Seconds', definition: wait({ Seconds: 1.5 }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Seconds` },
  { name: 'a Timestamp that is not RFC 3339', definition: wait({ Timestamp: '2024-01-01 00:00:00' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Timestamp` },
  { name: 'a Timestamp on a day that does not exist', definition: wait({ Timestamp: '2023-02-30T00:00:00Z' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Timestamp` },
  { name: 'a SecondsPath that is not a path', definition: wait({ SecondsPath: 'seconds' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/SecondsPath` },
  // Pass, Fail, Parallel
  { name: 'a Pass Parameters .$ with an invalid path', definition: oneState({ Type: 'Pass', End: true, Parameters: { 'v.$': '$$$' } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Parameters/v.$` },
  { name: 'a Fail with Error and ErrorPath', definition: oneState({ Type: 'Fail', Error: 'E', ErrorPath: '$.e' }), code: 'SCHEMA_VALIDATION_FAILED', location: S, text: '[Error, ErrorPath]' },
  { name: 'a Fail with Cause and CausePath', definition: oneState({ Type: 'Fail', Cause: 'C', CausePath: '$.c' }), code: 'SCHEMA_VALIDATION_FAILED', location: S },
  { name: 'a Fail Error that is not a string', definition: oneState({ Type: 'Fail', Error: 42 }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Error` },
  { name: 'a Fail CausePath that is neither a path nor an intrinsic', definition: oneState({ Type: 'Fail', CausePath: 'cause' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/CausePath` },
  { name: 'a Parallel without Branches', definition: oneState({ Type: 'Parallel', End: true }), code: 'SCHEMA_VALIDATION_FAILED', location: S, text: '[Branches]' },
  { name: 'a Parallel with no branch', definition: oneState({ Type: 'Parallel', End: true, Branches: [] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Branches` },
  { name: 'a branch that is not an object', definition: oneState({ Type: 'Parallel', End: true, Branches: [1] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Branches/0` },
  { name: 'a QueryLanguage on a branch', definition: oneState({ Type: 'Parallel', End: true, Branches: [{ StartAt: 'A', States: { A: { Type: 'Succeed' } }, QueryLanguage: 'JSONata' }] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Branches/0`, text: "Field 'QueryLanguage' is not supported" },
];

describe('state rules', () => {
  it.each(bad)('reports $code at $location for $name', ({ definition, code, location, text, options }) => {
    expectError(definition, code, location, text, options);
  });

  it('accepts any Resource string: resources are not checked against AWS', () => {
    expectValid(task({ Resource: 'arn:aws:iam::123456789012:role/whatever' }));
    expectValid(task({ Resource: 'not-even-an-arn' }));
    expectValid(task({ Resource: 'arn:aws:states:::http:invoke', Parameters: { ApiEndpoint: 'https://x', Method: 'GET', Authentication: { ConnectionArn: 'arn:aws:events:us-east-1:1:connection/c' } } }));
  });

  it('accepts well-formed fields of every state type', () => {
    expectValid(task({ TimeoutSeconds: 10, HeartbeatSeconds: 5, Credentials: { 'RoleArn.$': '$.role' }, ResultPath: null, OutputPath: '$$.Execution.Input', Parameters: { 'a.$': '$.a', 'b.$': 'States.Format(\'{}\', $.b)', 'c.$': '$myVar.x' } }));
    expectValid(wait({ TimestampPath: '$.when' }));
    expectValid(wait({ Timestamp: '2024-02-29T10:00:00.123+02:00' }));
    expectValid(oneState({ Type: 'Fail', ErrorPath: '$.e', CausePath: "States.Format('x {}', $.c)" }));
    expectValid(oneState({ Type: 'Pass', End: true, InputPath: null, Result: { a: 1 }, ResultPath: '$.r' }));
    expectValid(oneState({ Type: 'Succeed', InputPath: '$.a', OutputPath: '$' }));
  });

  it('accepts waitForTaskToken and .sync resources in STANDARD machines', () => {
    expectValid(task({ Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken' }), { type: 'STANDARD' });
    expectValid(task({ Resource: 'arn:aws:states:::states:startExecution.sync:2' }));
  });
});
