/**
 * The generated router's types from the application's side: a sample application that implements the
 * lookups compiles under `tsc --strict` against dist/router.ts alone (DOM lib, no @types), and one that
 * gets any of them wrong — a lookup missing, an answer of the wrong type, an input misread, stored data
 * misused in onInput — does not.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouterProgram } from '../../compiler/router/generate-router.js';
import type { ProjectProgram } from '../../compiler/router/runtime/program.mjs';
import { tempDir, typeErrors, writeRouter } from './router-helpers.js';

const project: ProjectProgram = {
  version: 1,
  projectId: 'types',
  routerUrl: 'https://ivr.example.com/flowc',
  numbers: {},
  flows: { billing: { sha256: '-' } },
  hours: {},
  lookups: {
    'account-by-number': {
      input: { number: { type: { type: 'digits', minLength: 7, maxLength: 15 } } },
      output: {
        account: { type: { type: 'digits', minLength: 8, maxLength: 8 } },
        balance: { type: { type: 'money', max: 10_000 } },
        due: { type: { type: 'date' } },
        plan: { type: { type: 'one-of', values: ['basic', 'green'] }, optional: true },
      },
      timeoutMs: 800,
    },
    'is-holiday': { input: {}, output: { holiday: { type: { type: 'boolean' } } }, timeoutMs: 800 },
  },
};
const program: RouterProgram = {
  project,
  flows: [
    {
      version: 1,
      flow: 'billing',
      locales: ['en-US'],
      data: { account: { type: { type: 'digits', minLength: 8, maxLength: 8 } }, balance: { type: { type: 'money' } } },
      steps: {},
    },
  ],
};

const temp = tempDir('router-app-types');
afterAll(() => temp.cleanup());
const dir = writeRouter(program, temp.dir);
writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');

const GOOD = `import { createRouter, type FlowData, type Lookups } from './router.js';

export const router = createRouter({
  signatureSecret: 'secret',
  lookups: {
    'account-by-number': async ({ number }, { signal }) => {
      if (signal.aborted || number.length < 7) return null;
      return { account: '12345678', balance: 42.5, due: '2026-12-15', plan: 'green' };
    },
    'is-holiday': () => ({ holiday: false }),
  },
  onInput(event) {
    if (event.flow === 'billing') {
      const account: string | undefined = event.stored.account;
      const balance: number | undefined = event.stored.balance;
      console.log(event.step, event.locale, account, balance, event.input.digits);
    }
  },
});

type Answer = Lookups['account-by-number']['output'];
export const sample: Answer = { account: '1', balance: 1, due: '2026-01-01' };
export const billing: FlowData['billing']['locale'] = 'en-US';
`;

const WRONG: [string, string, RegExp][] = [
  ['a lookup missing', GOOD.replace("    'is-holiday': () => ({ holiday: false }),\n", ''), /is-holiday/],
  ['no lookups at all', GOOD.replace(/ {2}lookups: \{[\s\S]*?\n {2}\},\n/, ''), /lookups/],
  ['a balance answered as text', GOOD.replace('balance: 42.5', "balance: '42.50'"), /balance/],
  ['a one-of value it does not have', GOOD.replace("plan: 'green'", "plan: 'gold'"), /plan|gold/],
  ['an input read as a number', GOOD.replace('number.length < 7', 'number > 7'), /number/],
  ['a lookup the project does not have', GOOD.replace("    'is-holiday'", "    'is-holidays'"), /is-holiday/],
  ['stored data misused', GOOD.replace('const balance: number | undefined', 'const balance: string | undefined'), /number.*string/],
  ['a flow that does not exist', GOOD.replace("event.flow === 'billing'", "event.flow === 'billings'"), /billings/],
];

const fileName = (label: string): string => `app-${label.replace(/\W+/g, '-')}.ts`;

/** One program for every application (tsc attributes each error to its file): the machine is shared. */
async function compileAll(): Promise<Map<string, string[]>> {
  const files = [['good', GOOD] as const, ...WRONG.map(([label, source]) => [label, source] as const)].map(([label, source]) => {
    const file = path.join(dir, fileName(label));
    writeFileSync(file, source);
    return file;
  });
  const byFile = new Map<string, string[]>(files.map((f) => [path.basename(f), []]));
  for (const e of await typeErrors(files)) {
    const name = e.slice(0, e.indexOf(':'));
    (byFile.get(name) ?? byFile.set(name, []).get(name)!).push(e);
  }
  return byFile;
}

let compiled: Map<string, string[]>;
beforeAll(async () => {
  compiled = await compileAll();
});
const errorsOf = (label: string): string[] => compiled.get(fileName(label)) ?? [];

describe('the generated types, from the application', () => {
  it('a sample application that implements the lookups compiles under tsc --strict', () => {
    expect(errorsOf('good')).toEqual([]);
    // Nothing outside the applications: the router's own files are clean.
    expect([...compiled.keys()].filter((k) => !k.startsWith('app-'))).toEqual([]);
  });

  it.each(WRONG)('an application with %s does not compile', (label, source, mentions) => {
    expect(source).not.toBe(GOOD);
    const found = errorsOf(label);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toMatch(mentions);
  });
});
