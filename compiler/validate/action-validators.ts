/**
 * One ajv instance for the validator, created on first use; each action schema is compiled the first time an
 * action of that kind is validated, then reused (validateNcco runs on every request of an app that builds
 * NCCOs, so compiling per call is not an option).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { formats } from './formats.js';
import { actionSchemas, type ActionName } from './schemas/index.js';

let ajv: Ajv | undefined;
const compiled = new Map<ActionName, ValidateFunction>();

function instance(): Ajv {
  if (ajv === undefined) {
    // verbose: errors carry parentSchema and data, which the translator needs for messages and leniency.
    // validateSchema: false — the schemas are checked against the JSON Schema meta-schema by a test
    // (test/validate/schemas.test.ts) instead of on every start, which would cost a third of compiling.
    ajv = new Ajv({ allErrors: true, verbose: true, discriminator: true, strict: true, strictRequired: false, validateSchema: false });
    for (const [name, info] of Object.entries(formats)) ajv.addFormat(name, info.test);
  }
  return ajv;
}

export function validatorFor(action: ActionName): ValidateFunction {
  let validate = compiled.get(action);
  if (validate === undefined) {
    validate = instance().compile(actionSchemas[action]);
    compiled.set(action, validate);
  }
  return validate;
}
