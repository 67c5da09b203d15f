/**
 * Each action's validator, precompiled from its schema (ajv's standalone code, made by `npm run
 * generate:validators`: compiler/validate/standalone-validators.ts): no build and no `validateNcco()` call
 * compiles a schema.
 */
import type { ErrorObject } from 'ajv';
import * as compiled from './compiled-validators.generated.js';
import type { ActionName } from './schemas/index.js';

/** A validator as ajv makes it: true when the value is valid, else false with `errors` set. */
export interface ActionValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const validators = compiled as unknown as Record<ActionName, ActionValidator>;

export function validatorFor(action: ActionName): ActionValidator {
  return validators[action];
}
