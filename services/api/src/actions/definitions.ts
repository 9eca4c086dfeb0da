/**
 * Definition checks shared by CreateStateMachine, UpdateStateMachine and
 * ValidateStateMachineDefinition: JSON parsing (INVALID_JSON_DESCRIPTION, as AWS reports it),
 * then libs/asl's validator; any ERROR makes InvalidDefinition with AWS's message.
 */
import { ApiError } from '@stepwise/protocol';
import type { Diagnostic, DefinitionValidator } from '../deps.js';

export function diagnose(validator: DefinitionValidator, text: string): readonly Diagnostic[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return [{ severity: 'ERROR', code: 'INVALID_JSON_DESCRIPTION', message: e instanceof Error ? e.message : 'Invalid JSON', location: '/' }];
  }
  return validator.validate(parsed);
}

export function requireValidDefinition(validator: DefinitionValidator, text: string): void {
  const diags = diagnose(validator, text);
  if (diags.some((d) => d.severity === 'ERROR')) throw new ApiError('InvalidDefinition', validator.formatInvalid(diags));
}
