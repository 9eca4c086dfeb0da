/**
 * Self-contained conformance cases that cannot pass, each with its reason. Every entry is a
 * defect of the recorded case (a value LocalStack replaced, a definition that is not the one
 * AWS ran) or an AWS history order the interpreter does not reproduce; docs/feature-support.md
 * lists the same cases. `scope` says what fails: the result (status/output/error/cause) or only
 * the history's event types.
 */
export interface KnownFailure {
  readonly scope: 'result' | 'history';
  readonly reason: string;
}

const INPUT_IS_TEMPLATE = "the case's input holds LocalStack's template value ('timestamp'), not the timestamp AWS ran with (it shows in the expected cause)";
const INPUT_IS_PLACEHOLDER = "the case's input timestamp was replaced by a placeholder ('date', '<timestamp>'), so no real date reaches the Wait state";
const TIME_REPLACED = "StartTime/EnteredTime were replaced by plain text ('start-time', 'date') that is not a '<...>' placeholder, so no run can match them";

export const KNOWN_FAILURES: Readonly<Record<string, KnownFailure>> = {
  'v2/scenarios/test_base_scenarios/TestBaseScenarios/test_wait_timestamp_path[INVALID_DATE]#get_execution_history': { scope: 'result', reason: INPUT_IS_TEMPLATE },
  'v2/scenarios/test_base_scenarios/TestBaseScenarios/test_wait_timestamp_path[INVALID_ISO]#get_execution_history': { scope: 'result', reason: INPUT_IS_TEMPLATE },
  'v2/scenarios/test_base_scenarios/TestBaseScenarios/test_wait_timestamp_path[INVALID_TIME]#get_execution_history': { scope: 'result', reason: INPUT_IS_TEMPLATE },
  'v2/scenarios/test_base_scenarios/TestBaseScenarios/test_wait_timestamp_path[NO_T]#get_execution_history': { scope: 'result', reason: INPUT_IS_TEMPLATE },
  'v2/scenarios/test_base_scenarios/TestBaseScenarios/test_wait_timestamp_path[NO_Z]#get_execution_history': { scope: 'result', reason: INPUT_IS_TEMPLATE },
  'v2/scenarios/test_base_scenarios/TestBaseScenarios/test_wait_timestamp_jsonata[INVALID_DATE]#get_execution_history': { scope: 'result', reason: INPUT_IS_TEMPLATE },
  'v2/scenarios/test_base_scenarios/TestBaseScenarios/test_wait_timestamp_jsonata[INVALID_TIME]#get_execution_history': { scope: 'result', reason: INPUT_IS_TEMPLATE },
  'v2/scenarios/test_base_scenarios/TestBaseScenarios/test_wait_timestamp_jsonata[NO_T]#get_execution_history': { scope: 'result', reason: INPUT_IS_TEMPLATE },
  'v2/scenarios/test_base_scenarios/TestBaseScenarios/test_wait_timestamp_jsonata[NO_Z]#get_execution_history': { scope: 'result', reason: INPUT_IS_TEMPLATE },
  'v2/scenarios/test_base_scenarios/TestBaseScenarios/test_wait_timestamp_path[NANOSECONDS]#get_execution_history': { scope: 'result', reason: INPUT_IS_PLACEHOLDER },
  'v2/scenarios/test_base_scenarios/TestBaseScenarios/test_wait_timestamp_path[SECONDS]#get_execution_history': { scope: 'result', reason: INPUT_IS_PLACEHOLDER },
  'v2/scenarios/test_base_scenarios/TestBaseScenarios/test_wait_timestamp_jsonata[NANOSECONDS]#get_execution_history': { scope: 'result', reason: INPUT_IS_PLACEHOLDER },
  'v2/scenarios/test_base_scenarios/TestBaseScenarios/test_wait_timestamp_jsonata#get_execution_history': { scope: 'result', reason: INPUT_IS_PLACEHOLDER },
  'v2/base/test_wait/TestSfnWait/test_wait_timestamppath[Z]#get_execution_history': { scope: 'result', reason: INPUT_IS_PLACEHOLDER },
  'v2/base/test_wait/TestSfnWait/test_wait_timestamppath[.000000Z]#get_execution_history': { scope: 'result', reason: INPUT_IS_PLACEHOLDER },
  'v2/base/test_wait/TestSfnWait/test_timestamp_too_far_in_future_boundary[24856]#get_execution_history': { scope: 'result', reason: INPUT_IS_PLACEHOLDER },
  'v2/evaluate_jsonata/test_base_evaluate_expressions/TestBaseEvaluateJsonata/test_base_map[ITEMS]#get_execution_history': {
    scope: 'result',
    reason: "the definition's Items is [1]; AWS ran the test's substituted [1,2,3] (expected output and history show three iterations)",
  },
  'v2/evaluate_jsonata/test_base_evaluate_expressions/TestBaseEvaluateJsonata/test_base_map[ITEMS_DOUBLE_QUOTES]#get_execution_history': {
    scope: 'result',
    reason: "the definition's Items is [1]; AWS ran the test's substituted [1,2,3] (expected output and history show three iterations)",
  },
  'v2/intrinsic_functions/test_math_operations/TestMathOperations/test_math_random#exec_hist_resp_2': {
    scope: 'result',
    reason: "the random number in the output was replaced by the literal 'RandomNumberGenerated'",
  },
  'v2/intrinsic_functions/test_math_operations/TestMathOperations/test_math_random_seeded#exec_hist_resp': {
    scope: 'result',
    reason: "the random number in the output was replaced by the literal 'RandomNumberGenerated'",
  },
  'v2/local_mocking/test_base_callbacks/TestBaseScenarios/test_sfn_start_execution_sync[SFN_SYNC]#get_execution_history': {
    scope: 'result',
    reason: 'the definition is the child state machine (a Pass), while the expected outcome and history are those of the parent (a states:startExecution.sync Task)',
  },
  'v2/local_mocking/test_base_callbacks/TestBaseScenarios/test_sfn_start_execution_sync[SFN_SYNC2]#get_execution_history': {
    scope: 'result',
    reason: 'the definition is the child state machine (a Pass), while the expected outcome and history are those of the parent (a states:startExecution.sync:2 Task)',
  },
  'v2/base/test_base/TestSnfBase/test_query_context_object_values#get_execution_history': { scope: 'result', reason: TIME_REPLACED },
  'v2/outputdecl/test_output/TestArgumentsBase/test_base_cases[BASE_EXPR]#get_execution_history': { scope: 'result', reason: TIME_REPLACED },
  'v2/scenarios/test_base_scenarios/TestBaseScenarios/test_invalid_jsonpath[INVALID_JSONPATH_IN_ERRORPATH]#get_execution_history': {
    scope: 'result',
    reason: "the expected cause holds the placeholder '<json-input:1>' but the case is not flagged `placeholders`, so it is compared literally",
  },
  'v2/scenarios/test_base_scenarios/TestBaseScenarios/test_invalid_jsonpath[INVALID_JSONPATH_IN_STRING_EXPR_CONTEXTPATH]#get_execution_history': {
    scope: 'result',
    reason: "the expected cause holds the placeholder '<json-input:1>' but the case is not flagged `placeholders`, so it is compared literally",
  },
  'v2/scenarios/test_base_scenarios/TestBaseScenarios/test_parallel_state[PARALLEL_STATE]#get_execution_history': {
    scope: 'history',
    reason: "AWS recorded all six PassStateEntered before any PassStateExited across branches of 1, 2 and 3 states; the in-memory merge keeps each branch's own order (a state exits before the next one of its branch enters)",
  },
  'v2/scenarios/test_base_scenarios/TestBaseScenarios/test_parallel_state_nested#get_execution_history': {
    scope: 'history',
    reason: 'AWS recorded a single ParallelStateExited for two nested Parallel states that both exit',
  },
};
