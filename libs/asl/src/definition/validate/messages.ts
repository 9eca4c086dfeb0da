/**
 * The wording of every validation message, in one place so it stays consistent and can be
 * compared with AWS's. Where AWS's exact text is known (recorded responses of
 * ValidateStateMachineDefinition / CreateStateMachine) it is used verbatim and marked "AWS";
 * the rest follows the same style.
 */

const list = (names: readonly string[]): string => `[${names.join(', ')}]`;

export const msg = {
  /** AWS (ValidateStateMachineDefinition on `{}`). */
  required: (fields: readonly string[]) => `These fields are required: ${list(fields)}`,
  /** AWS (ValidateStateMachineDefinition on a blank or non-object definition). */
  notAnObject: () => 'Definition must be a valid JSON object',
  /** AWS (MISSING_DESCRIPTION's documented meaning). */
  missingDescription: () => 'Received a null or empty workflow input',
  /** A field Step Functions does not know at all. AWS: `The field "awsVpcConfiguration" is not supported by Step Functions`. */
  unknownField: (field: string) => `The field "${field}" is not supported by Step Functions`,
  /** A known ASL field on a state type or object that does not take it (AWS wording). */
  fieldNotSupported: (field: string) => `Field '${field}' is not supported`,
  /** AWS. */
  expectedType: (type: 'STRING' | 'INTEGER' | 'NUMBER' | 'BOOLEAN' | 'OBJECT' | 'ARRAY') =>
    `Expected value of type [${type}]`,
  /** AWS (QueryLanguage enum). */
  oneOf: (values: readonly string[]) => `Value should be one of the following: ${list(values)}`,
  /** AWS. */
  stateTypeOneOf: (types: readonly string[]) => `The field 'Type' should have one of these values: ${list(types)}`,
  /** AWS. */
  queryLanguageDowngrade: () => "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
  /** A field of the other query language on a state. */
  otherLanguageField: (language: string, field: string, other: string) =>
    `The QueryLanguage is set to '${language}', but field '${field}' is only supported for the '${other}' QueryLanguage`,
  /** AWS, with the literal word 'Next' whatever the field (Next, Default, Choices/Catch Next, StartAt). */
  missingTarget: (target: string) => `Missing 'Next' target: ${target}`,
  /** AWS (code MISSING_TRANSITION_TARGET). */
  unreachable: (state: string) => `State "${state}" is not reachable.`,
  noTerminalState: () => 'Workflow has no terminal state',
  /** AWS (StepFunctions Local's wording of the same check). */
  duplicateState: (state: string) => `Duplicate State name: ${state}`,
  stateNameTooLong: (state: string) => `State name '${state}' is longer than 80 characters`,
  stateNameEmpty: () => 'State name must not be empty',
  exactlyOne: (fields: readonly string[]) => `Exactly one of these fields is required: ${list(fields)}`,
  atMostOne: (fields: readonly string[]) => `Only one of these fields may be set: ${list(fields)}`,
  notEmpty: (field: string) => `The field '${field}' must not be empty`,
  atLeast: (field: string, min: number) => `The value of the field '${field}' must be greater than or equal to ${min}`,
  atMost: (field: string, max: number) => `The value of the field '${field}' must be less than or equal to ${max}`,
  lessThanField: (field: string, other: string) =>
    `The value of the field '${field}' must be less than the value of the field '${other}'`,
  jsonPath: (field: string) => `The value for the field '${field}' must be a valid JSONPath`,
  referencePath: (field: string) => `The value for the field '${field}' must be a valid Reference Path`,
  pathOrIntrinsic: (field: string) =>
    `The value for the field '${field}' must be a valid JSONPath or a valid intrinsic function call`,
  intrinsic: (field: string, detail: string) => `The value for the field '${field}' is not a valid intrinsic function call: ${detail}`,
  /** JSONata's own message; AWS drops JSONata's error code (S0202: ...) from it. */
  jsonata: (detail: string) => detail.replace(/^[A-Z]\d{4}: /, ''),
  /** AWS (UNSUPPORTED_JSONATA_EXPRESSION). */
  topLevelReference: (name: string) => `Reference to '${name}' at the top level is not supported.`,
  contextReference: () => "Reference to '$$' is not supported.",
  errorOutputMissing: () => "Field '$states.errorOutput' does not exist.",
  jsonataOrType: (field: string, type: string) =>
    `The value for the field '${field}' must be ${type} or a JSONata expression ('{% ... %}')`,
  timestamp: (field: string) =>
    `The value for the field '${field}' must be a valid RFC3339 timestamp (e.g. 2016-03-14T01:59:00Z)`,
  variableName: (name: string) =>
    `The variable name '${name}' is invalid: it must start with a letter or '_', continue with letters, digits or '_', and be at most 80 characters long`,
  reservedVariable: (name: string) => `The variable name '${name}' is reserved`,
  statesAllAlone: () => "'States.ALL' must appear alone in 'ErrorEquals'",
  statesAllLast: (kind: 'Retrier' | 'Catcher', field: 'Retry' | 'Catch') =>
    `A ${kind} with 'States.ALL' in 'ErrorEquals' must be the last one in '${field}'`,
  comparisonCount: (found: readonly string[]) =>
    found.length === 0
      ? "A Choice Rule must have exactly one comparison operator, or one of 'And', 'Or', 'Not'"
      : `A Choice Rule must have exactly one comparison operator, found ${list(found)}`,
  /** AWS (recorded for '.waitForTaskToken'). */
  expressIntegration: (suffix: string) => `Express state machine does not support '${suffix}' service integration `,
  /** AWS (as LocalStack reproduces it). */
  expressActivity: () => 'Express state machine does not support Activity ARN',
  expressDistributed: () => "The field 'Mode' with value 'DISTRIBUTED' is not supported inside 'EXPRESS' state machines",
  labelTooLong: (label: string) => `Label '${label}' is longer than 40 characters`,
  labelCharacters: (label: string) =>
    `Label '${label}' contains a character that is not allowed (white space, brackets, wildcards, special or control characters)`,
  duplicateLabel: (label: string) => `Duplicate Label name: ${label}`,
  tooDeep: (max: number) => `The states are nested more than ${max} levels deep`,
  tooManyStates: (count: number, max: number) => `The definition has ${count} states, more than the limit of ${max}`,
  /** AWS's constraint wording for the size of 'definition'. */
  tooLarge: (max: number) => `Value at 'definition' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
  noDollar: (field: string) =>
    `The value of the field '${field}' looks like a JSONPath or an intrinsic function, but the field name does not end with '.$'`,
  passResultIsStatic: (field: string) =>
    `The field '${field}' of a Pass state's Result is static: paths and intrinsic functions are not evaluated there`,
};
