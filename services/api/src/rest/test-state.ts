/**
 * TestState over REST (issue 9): `POST /v1/test-state` takes the AWS action's request members
 * and answers its response members, through the same action handler (libs/testing's testState),
 * so validation, results and errors are the AWS protocol's. As elsewhere in REST, the JSON-text
 * members (definition, input, variables, context, mock.result) may also be given as JSON values.
 */
import { compact } from '../actions/context.js';

type Members = Record<string, unknown>;

const jsonText = (v: unknown): unknown => (v === undefined || typeof v === 'string' ? v : JSON.stringify(v));

export function testStateMembers(b: Members): Members {
  const mock = b.mock;
  return compact({
    ...b,
    definition: jsonText(b.definition),
    input: jsonText(b.input),
    variables: jsonText(b.variables),
    context: jsonText(b.context),
    mock: typeof mock === 'object' && mock !== null && !Array.isArray(mock) ? compact({ ...(mock as Members), result: jsonText((mock as Members).result) }) : mock,
  });
}
