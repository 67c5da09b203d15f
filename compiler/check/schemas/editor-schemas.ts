/**
 * JSON Schemas for editors (yaml-language-server, VS Code's YAML extension), made from the validator's
 * own schemas so that they cannot drift: the authoring schemas of this folder (flow, catalog, pay
 * prompt set, template, flowc.yaml) with every action's body replaced by its NCCO schema
 * (compiler/validate/schemas) in authoring form, `on:` keys by action (transitions.ts), and hover text
 * from each schema's `description`, `default` and `examples`. A key added to any of those schemas
 * reaches the validator, the editor and the hover text at once.
 *
 * What an editor cannot check (it sees one file): that a transition's step exists, that a message
 * exists in every locale, template parameters. `flowc check` does.
 */
import type { SchemaObject } from 'ajv';
import { ruleIndex } from '../../diagnostics/rule-index.js';
import type { FileKind } from '../../load/source-file.js';
import { formats, isFormatName } from '../../validate/formats.js';
import { actionSchemas, isActionName } from '../../validate/schemas/index.js';
import { messagesSchema, paySetSchema, projectSchema, templateSchema } from './catalog-schemas.js';
import { localePattern } from './common.js';
import { flowSchema, stepItemSchema } from './flow-schema.js';
import { digitKeyPattern, transitionKeys, transitionsByAction } from './transitions.js';

type Schema = Record<string, unknown>;

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value written as `"{{name}}"` is filled in at build time and checked then. */
const templateText = '\\{\\{';
const templateValue: Schema = {
  type: 'string',
  pattern: templateText,
  description: 'A {{variable}}, filled in and checked when flowc builds.',
};

const referenceUrl = 'https://developer.vonage.com/en/voice/voice-api/ncco-reference';

/** Hover text: the description, then the range, the default and an example, as Markdown. */
function markdownOf(s: Schema): string | undefined {
  const description = typeof s.description === 'string' ? s.description : undefined;
  if (description === undefined) return undefined;
  const parts = [description];
  const range =
    s.minimum !== undefined && s.maximum !== undefined
      ? `${s.minimum}–${s.maximum}`
      : s.minimum !== undefined
        ? `at least ${s.minimum}`
        : s.exclusiveMinimum !== undefined
          ? `more than ${s.exclusiveMinimum}`
          : s.maximum !== undefined
            ? `at most ${s.maximum}`
            : undefined;
  const facts: string[] = [];
  if (range !== undefined && !description.includes(String(s.maximum ?? s.minimum ?? s.exclusiveMinimum))) facts.push(`Range: ${range}.`);
  if (s.default !== undefined) facts.push(`Default: \`${JSON.stringify(s.default)}\`.`);
  if (Array.isArray(s.examples) && s.examples.length > 0) facts.push(`Example: \`${JSON.stringify(s.examples[0])}\`.`);
  if (facts.length) parts.push(facts.join(' '));
  return parts.join('\n\n');
}

/**
 * ajv-only keywords out, editor keywords in; custom formats become patterns that also allow {{variables}}.
 * `subst` replaces shared sub-schemas by identity (the step item, wherever a schema uses it).
 */
function forEditor(node: unknown, subst: ReadonlyMap<unknown, unknown> = new Map()): unknown {
  if (subst.has(node)) return subst.get(node);
  if (subst.size > 0 && isStepItem(node)) return editorStepItem(node);
  if (Array.isArray(node)) return node.map((n) => forEditor(n, subst));
  if (!isObject(node)) return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$id' || k === '$comment' || k === 'discriminator' || k === 'x-hint') continue;
    if (k === 'properties' && isObject(v)) {
      out.properties = Object.fromEntries(Object.entries(v).map(([name, p]) => [name, forEditor(p, subst)]));
    } else if (k === 'examples' || k === 'default' || k === 'enum' || k === 'const') out[k] = v;
    else out[k] = forEditor(v, subst);
  }
  if (typeof node['x-hint'] === 'string') {
    if (typeof node.pattern === 'string') out.patternErrorMessage = node['x-hint'];
    if (out.description === undefined) out.description = node['x-hint'];
  }
  if (typeof node.format === 'string' && isFormatName(node.format)) {
    const info = formats[node.format];
    delete out.format;
    out.pattern = `^(?:${info.pattern})$|${templateText}`;
    out.patternErrorMessage = `Must be ${info.expected}. ${info.hint}`;
  }
  const md = markdownOf(out);
  if (md !== undefined && out.markdownDescription === undefined) out.markdownDescription = md;
  return out;
}

/** Numbers and booleans may also be a quoted {{variable}}; the description stays outside for hover. */
function allowTemplates(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(allowTemplates);
  if (!isObject(node)) return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'properties' && isObject(v)) out.properties = Object.fromEntries(Object.entries(v).map(([n, p]) => [n, allowTemplates(p)]));
    else if (k === 'items' || k === 'additionalProperties' || k === 'anyOf' || k === 'oneOf') out[k] = allowTemplates(v);
    else out[k] = v;
  }
  const type = out.type;
  if (type === 'number' || type === 'integer' || type === 'boolean') {
    const { description, markdownDescription, default: dflt, examples, ...value } = out;
    return {
      anyOf: [value, templateValue],
      ...(description !== undefined ? { description } : {}),
      ...(markdownDescription !== undefined ? { markdownDescription } : {}),
      ...(dflt !== undefined ? { default: dflt } : {}),
      ...(examples !== undefined ? { examples } : {}),
    };
  }
  return out;
}

const localeMap = (valueDescription: string): Schema => ({
  type: 'object',
  minProperties: 1,
  propertyNames: { pattern: localePattern },
  additionalProperties: { type: 'string', minLength: 1, description: valueDescription },
  description: 'One text per locale, e.g. { en-US: Please hold., es-US: Por favor, espere. }',
});

/** An NCCO action's schema as written in a flow: no `action`, plus what flowc adds (say:, texts per locale, prompt sets). */
function authoringAction(name: string, nccoSchema: SchemaObject): Schema {
  const schema = allowTemplates(forEditor(nccoSchema)) as Schema;
  if (typeof schema.description === 'string') {
    schema.markdownDescription = `${schema.description}\n\n[NCCO reference: ${name}](${referenceUrl}#${name})`;
  }
  const properties = { ...(schema.properties as Schema) };
  delete properties.action;
  let required = ((schema.required as string[] | undefined) ?? []).filter((r) => r !== 'action');
  const extra: Schema = {};
  if (name === 'talk') {
    const text = properties.text as Schema;
    properties.text = {
      anyOf: [{ type: 'string', minLength: 1 }, localeMap('The text in this locale.')],
      description: `${text.description} One text for every locale, or one per locale.`,
      markdownDescription: `${text.markdownDescription}\n\nOne text for every locale, or a map with one text per locale.`,
    };
    properties.say = {
      type: 'string',
      minLength: 1,
      description: 'A message key: the text comes from flows/messages/<locale>.yaml of each locale (instead of text:).',
      markdownDescription:
        'A message key: the text comes from `flows/messages/<locale>.yaml` of each locale (instead of `text:`).' +
        '\n\nExample: `say: bill-pay.menu`.',
      examples: ['greeting'],
    };
    required = required.filter((r) => r !== 'text');
    extra.oneOf = [{ required: ['say'] }, { required: ['text'] }];
  }
  if (name === 'pay') {
    const prompts = properties.prompts as Schema;
    properties.prompts = {
      anyOf: [
        { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$', description: 'A prompt set: flows/pay/<set>.<locale>.yaml.' },
        prompts,
      ],
      description: 'A prompt set, picked per locale from flows/pay/<set>.<locale>.yaml (or the prompts written out as in the NCCO).',
      markdownDescription:
        'A prompt set, picked per locale from `flows/pay/<set>.<locale>.yaml`, e.g. `prompts: card`' +
        ' — or the prompts written out as in the NCCO.',
      examples: ['card'],
    };
  }
  // With `on:`, flowc fills in the eventUrl a notify needs.
  if (name === 'notify') required = required.filter((r) => r !== 'eventUrl');
  const { required: _r, ...rest } = schema;
  return { ...rest, properties, ...(required.length ? { required } : {}), ...extra };
}

/** The `on:` of an item whose last action is `action` (or any action, for a `use:` of a template). */
function onSchema(action: string | undefined): Schema {
  const tables = action === undefined ? Object.values(transitionsByAction) : [transitionsByAction[action]!];
  const targetSchema = forEditor(stepItemSchema.properties.on.additionalProperties) as Schema;
  const properties: Schema = {};
  for (const t of tables) {
    for (const [key, meaning] of Object.entries(t.keys)) {
      properties[key] = { ...targetSchema, description: meaning, markdownDescription: `**${key}**: ${meaning}` };
    }
  }
  const digits = tables.some((t) => t.digits);
  const keys = Object.keys(properties);
  return {
    type: 'object',
    minProperties: 1,
    description: action
      ? `Where the call goes next, by the result of this ${action}: ${transitionsByAction[action]!.help}.`
      : 'Where the call goes next, by the result of the template’s last action.',
    properties,
    ...(digits
      ? { patternProperties: { [digitKeyPattern]: { ...targetSchema, description: 'The caller pressed exactly these keys.' } } }
      : {}),
    additionalProperties: false,
    propertyNames: {
      ...(digits ? { anyOf: [{ pattern: digitKeyPattern }, { enum: keys }] } : { enum: keys }),
      patternErrorMessage: `Use ${action ? transitionsByAction[action]!.help : [...transitionKeys].join(', ')}.`,
    },
  };
}

/**
 * A step item schema is any object schema that lists every NCCO action and `on:` among its keys: the
 * templates' item, and a flow's item with keys of its own (found by shape, so a variant made by spreading
 * the shared one gets the same treatment).
 */
function isStepItem(node: unknown): node is Schema {
  if (!isObject(node) || !isObject(node.properties)) return false;
  const keys = node.properties;
  return 'on' in keys && Object.keys(actionSchemas).every((a) => a in keys);
}

/** A step item: the authoring item schema with every action's body typed, and `on:` keys by action. */
function editorStepItem(source: Schema = stepItemSchema): Schema {
  const base = forEditor(source) as Schema;
  const properties = { ...(base.properties as Schema) };
  for (const name of Object.keys(properties)) {
    if (!isActionName(name)) continue;
    properties[name] = authoringAction(name, actionSchemas[name]);
  }
  const onActions = Object.keys(transitionsByAction).filter((a) => a in properties);
  properties.on = {
    type: 'object',
    description: (properties.on as Schema).description,
    markdownDescription: (properties.on as Schema).markdownDescription,
  };
  return {
    ...base,
    properties,
    allOf: [
      ...onActions.map((a) => ({ if: { required: [a] }, then: { properties: { on: onSchema(a) } } })),
      { if: { required: ['use'] }, then: { properties: { on: onSchema(undefined) } } },
      {
        if: { required: ['on'], not: { anyOf: [...onActions, 'use'].map((a) => ({ required: [a] })) } },
        then: { properties: { on: false } },
      },
    ],
  };
}

function projectForEditor(): Schema {
  const schema = forEditor(projectSchema) as Schema;
  const properties = { ...(schema.properties as Schema) };
  const rules = properties.rules as Schema;
  // Completion and hover for every code: its summary from docs/rules.md.
  properties.rules = {
    ...rules,
    propertyNames: { enum: Object.keys(ruleIndex) },
    properties: Object.fromEntries(
      Object.entries(ruleIndex).map(([code, r]) => [
        code,
        {
          enum: ['off', 'warning', 'error'],
          description: `${r.summary} (${r.severity})`,
          markdownDescription: `**${code}** (${r.severity}): ${r.summary}`,
        },
      ]),
    ),
  };
  return { ...schema, properties };
}

export const editorSchemaKinds = ['flow', 'messages', 'pay-set', 'template', 'project'] as const satisfies readonly FileKind[];

/** The file name each schema is shipped as (schemas/ in the package) and which project files it is for. */
export const editorSchemaFiles: Readonly<Record<FileKind, { file: string; globs: readonly string[] }>> = {
  flow: { file: 'flow.schema.json', globs: ['flows/**/*.flow.yaml'] },
  messages: { file: 'messages.schema.json', globs: ['flows/messages/*.yaml'] },
  'pay-set': { file: 'pay-set.schema.json', globs: ['flows/pay/*.yaml'] },
  template: { file: 'template.schema.json', globs: ['templates/**/*.yaml'] },
  project: { file: 'flowc.schema.json', globs: ['flowc.yaml'] },
};

/** Any authoring schema in editor form, with its step items (of any shape that lists the actions) typed. */
export function toEditorSchema(schema: object): Schema {
  return forEditor(schema, new Map([[stepItemSchema, editorStepItem()]])) as Schema;
}

/** The editor schema of one kind of file, as a JSON Schema draft-07 document. */
export function editorSchema(kind: FileKind): Schema {
  const schemas: Record<FileKind, () => Schema> = {
    flow: () => toEditorSchema(flowSchema),
    template: () => toEditorSchema(templateSchema),
    messages: () => forEditor(messagesSchema) as Schema,
    'pay-set': () => forEditor(paySetSchema) as Schema,
    project: projectForEditor,
  };
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...schemas[kind]() };
}
