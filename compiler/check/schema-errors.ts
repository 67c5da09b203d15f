/** Turns ajv errors into flowc diagnostics placed on the YAML key or value they concern. */
import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { joinPointer } from '../diagnostics/json-pointer.js';
import { rangeAtPointer } from '../load/source-position.js';
import type { SourceFile } from '../load/source-file.js';

type SchemaLike = { properties?: Record<string, unknown>; 'x-hint'?: string; enum?: unknown[] };

const typeWords: Record<string, string> = {
  object: 'a map (key: value lines)',
  array: 'a list (lines starting with "- ")',
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
};

const describeType = (t: unknown): string => (Array.isArray(t) ? t : [t]).map((x) => typeWords[String(x)] ?? String(x)).join(' or ');

const lastSegment = (pointer: string): string =>
  pointer
    .slice(pointer.lastIndexOf('/') + 1)
    .replace(/~1/g, '/')
    .replace(/~0/g, '~');

export function schemaErrorsToDiagnostics(file: SourceFile, errors: readonly ErrorObject[], what: string): Diagnostic[] {
  // anyOf/oneOf report their branches too; prefer the branch errors' common parent message.
  const byPointer = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    const key =
      e.instancePath +
      (e.keyword === 'additionalProperties' ? `/${String(e.params.additionalProperty)}` : '') +
      (e.propertyName !== undefined
        ? `#key:${e.propertyName}`
        : e.keyword === 'propertyNames'
          ? `#key:${String(e.params.propertyName)}`
          : '');
    const list = byPointer.get(key) ?? [];
    list.push(e);
    byPointer.set(key, list);
  }
  // `strat: welcome` is one mistake: the unknown key says "did you mean start", so the missing start is not said again.
  const misspelt = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'additionalProperties') continue;
    const known = Object.keys((e.parentSchema as SchemaLike | undefined)?.properties ?? {});
    const suggestion = didYouMean(String(e.params.additionalProperty), known);
    if (suggestion !== undefined) misspelt.add(`${e.instancePath}\u0000${suggestion}`);
  }
  // An anyOf settled by its branch's own errors: it and the other branches' form errors are not said.
  const settled = new Set<ErrorObject>();
  for (const e of errors) {
    const meant = e.keyword === 'anyOf' ? meantBranch(e, errors) : undefined;
    if (meant === undefined) continue;
    settled.add(e);
    // The other branches' form errors go; the meant branch's own (a missing then, an unknown key) stay.
    for (const other of errors)
      if (other.instancePath === e.instancePath && other.schemaPath.startsWith(`${e.schemaPath}/`) && branchOf(e, other) !== meant)
        settled.add(other);
  }
  const out: Diagnostic[] = [];
  for (const [pointer, all] of byPointer) {
    const errs = all.filter(
      (e) => !(e.keyword === 'required' && misspelt.has(`${e.instancePath}\u0000${String(e.params.missingProperty)}`)) && !settled.has(e),
    );
    if (errs.length === 0) continue;
    // A key that fits no allowed name: one finding at the key, with a did-you-mean from the names listed.
    const keyError = errs.find((e) => e.propertyName !== undefined || e.keyword === 'propertyNames');
    if (keyError) {
      const names = errs.flatMap((e) => (e.keyword === 'enum' ? (e.params.allowedValues as unknown[]).map(String) : []));
      out.push(badKey(file, keyError, names));
      continue;
    }
    // When an anyOf failed, its own error carries the schema hint; skip the per-branch noise. A key that needs
    // another (an attempt limit's max and then) says so, even inside an anyOf: it is what the author meant.
    const dependency = errs.find((e) => e.keyword === 'dependencies');
    const anyOf = errs.find((e) => e.keyword === 'anyOf');
    const chosen = dependency ? [dependency] : anyOf ? [anyOf] : errs.filter((e) => e.keyword !== 'if');
    for (const e of chosen.slice(0, 1)) out.push(toDiagnostic(file, e, pointer, what));
  }
  return out;
}

/**
 * An anyOf whose value has one branch's form, with errors only inside it (`{ goto: menu, max: 0 }`: the map form,
 * max out of range): that branch was meant, and its own errors say what is wrong; "does not have the expected
 * form" would be a second finding for one mistake. The other branches must have failed on the value's form only.
 */
function meantBranch(anyOf: ErrorObject, errors: readonly ErrorObject[]): string | undefined {
  const prefix = `${anyOf.schemaPath}/`;
  const branches = new Set<string>();
  let inside = false;
  for (const e of errors) {
    if (e === anyOf || !e.schemaPath.startsWith(prefix)) continue;
    const branch = branchOf(anyOf, e);
    if (e.instancePath === anyOf.instancePath) {
      if (e.keyword !== 'type') branches.add(branch);
      // Keywords that apply only once the value has the branch's form (a map missing a key, a list repeating an
      // item): that form was meant.
      if (e.keyword === 'uniqueItems' || e.keyword === 'required' || e.keyword === 'additionalProperties') inside = true;
    } else if (e.instancePath.startsWith(`${anyOf.instancePath}/`)) {
      branches.add(branch);
      inside = true;
    }
  }
  return inside && branches.size === 1 ? [...branches][0] : undefined;
}

/** The branch of an anyOf (its index in the schema) an error under it comes from. */
const branchOf = (anyOf: ErrorObject, e: ErrorObject): string => e.schemaPath.slice(anyOf.schemaPath.length + 1).split('/', 1)[0]!;

function badKey(file: SourceFile, e: ErrorObject, names: readonly string[]): Diagnostic {
  const key = e.propertyName ?? String(e.params.propertyName);
  const pointer = joinPointer(e.instancePath, key);
  const parent = e.parentSchema as SchemaLike | undefined;
  const suggestion = didYouMean(key, names);
  const schemaHint =
    (e.keyword === 'propertyNames' ? (e.schema as SchemaLike | undefined)?.['x-hint'] : parent?.['x-hint']) ?? parent?.['x-hint'];
  return {
    code: 'format/bad-key',
    severity: 'error',
    message: `"${key}" is not a valid key here.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
    file: file.path,
    pointer,
    range: rangeAtPointer(file.doc, file.lineCounter, pointer, 'key'),
    ...(suggestion ? { hint: `Rename it to "${suggestion}".` } : schemaHint ? { hint: schemaHint } : {}),
  };
}

function toDiagnostic(file: SourceFile, e: ErrorObject, pointer: string, what: string): Diagnostic {
  const parent = e.parentSchema as SchemaLike | undefined;
  const schemaHint = parent?.['x-hint'];
  const name = lastSegment(e.instancePath);
  const at = (p: string, part: 'key' | 'value' = 'value') => rangeAtPointer(file.doc, file.lineCounter, p, part);
  const base = { severity: 'error' as const, file: file.path, pointer };
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      const known = Object.keys(parent?.properties ?? {});
      const suggestion = didYouMean(key, known);
      // `numbrs:` beside an existing `numbers:`: renaming it would write that key twice.
      const taken = suggestion !== undefined && typeof e.data === 'object' && e.data !== null && Object.hasOwn(e.data, suggestion);
      return {
        ...base,
        code: 'format/unknown-key',
        message:
          `"${key}" is not a known key ${e.instancePath === '' ? `of a ${what}` : `here`}.` +
          (suggestion ? ` Did you mean "${suggestion}"?` : ''),
        range: at(pointer, 'key'),
        hint: taken
          ? `"${suggestion}" is already here: move what is under "${key}" into it, then delete "${key}".`
          : suggestion
            ? `Rename it to "${suggestion}".`
            : `Known keys: ${known.join(', ')}.`,
      };
    }
    case 'required': {
      const missing = String(e.params.missingProperty);
      return {
        ...base,
        pointer: e.instancePath,
        code: 'format/missing-key',
        message: `"${missing}" is missing${e.instancePath === '' ? ` from this ${what}` : name ? ` in "${name}"` : ''}.`,
        range: at(e.instancePath, e.instancePath === '' ? 'value' : 'key'),
        hint: `Add "${missing}: ...".`,
      };
    }
    case 'dependencies': {
      // An attempt limit (compiler/check/schemas/flow-schema.ts): max and then go together.
      const missing = String(e.params.missingProperty);
      const present = String(e.params.property);
      return {
        ...base,
        pointer: e.instancePath,
        code: 'format/missing-key',
        message: `"${missing}" is missing${name && !/^\d+$/.test(name) ? ` in "${name}"` : ' here'}: "${present}" needs it.`,
        range: at(joinPointer(e.instancePath, present), 'key'),
        hint:
          missing === 'then'
            ? 'An attempt limit is max: N with then: <step>, where the call goes once goto was taken N times. Add then, or remove max.'
            : 'An attempt limit is max: N with then: <step>. Add max: N (how many times goto is taken), or remove then.',
      };
    }
    case 'type':
      return {
        ...base,
        code: 'format/type',
        message: `${name ? `"${name}"` : 'This'} must be ${describeType(e.params.type)}.`,
        range: at(pointer),
        hint:
          schemaHint ??
          `Write ${describeType(e.params.type)} here${e.params.type === 'string' ? ' (in quotes if it would read as a number, true or false)' : ''}.`,
      };
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      const value = String(e.data);
      const suggestion = didYouMean(value, allowed);
      return {
        ...base,
        code: 'format/enum',
        message:
          `"${value}" is not allowed for "${name}"; use one of: ${allowed.join(', ')}.` +
          (suggestion ? ` Did you mean "${suggestion}"?` : ''),
        range: at(pointer),
        hint: suggestion ? `Write ${suggestion}.` : `Write one of: ${allowed.join(', ')}.`,
      };
    }
    case 'pattern':
      return {
        ...base,
        code: 'format/pattern',
        message: `"${String(e.data)}" is not a valid value for "${name}".`,
        range: at(pointer),
        ...(schemaHint ? { hint: schemaHint } : {}),
      };
    case 'minItems':
    case 'minProperties':
      return {
        ...base,
        code: 'format/empty',
        message: `"${name || what}" must not be empty.`,
        range: at(pointer),
        ...(schemaHint ? { hint: schemaHint } : {}),
      };
    case 'uniqueItems':
      return {
        ...base,
        code: 'format/duplicate-item',
        message: `"${name}" lists the same value twice.`,
        range: at(pointer),
        hint: 'Remove the repeated entry.',
      };
    case 'anyOf':
      return {
        ...base,
        code: 'format/shape',
        message: `${name ? `"${name}"` : 'This value'} does not have the expected form.`,
        range: at(pointer),
        ...(schemaHint ? { hint: schemaHint } : {}),
      };
    case 'minLength':
      // ajv's "must NOT have fewer than 1 characters" in plain words (the code stays format/range).
      if (e.params.limit === 1)
        return {
          ...base,
          code: 'format/range',
          message: `"${name || what}" must not be empty.`,
          range: at(pointer),
          hint: schemaHint ?? `Write something there, or remove "${name || what}".`,
        };
      return { ...base, code: 'format/range', message: `"${name}" ${e.message ?? 'is out of range'}.`, range: at(pointer) };
    case 'minimum':
    case 'maximum':
      return { ...base, code: 'format/range', message: `"${name}" ${e.message ?? 'is out of range'}.`, range: at(pointer) };
    default:
      return {
        ...base,
        code: 'format/invalid',
        message: `"${name || what}" ${e.message ?? 'is not valid'}.`,
        range: at(pointer),
        ...(schemaHint ? { hint: schemaHint } : {}),
      };
  }
}
