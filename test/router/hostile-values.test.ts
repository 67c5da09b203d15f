/**
 * Issue 10 #2, closed as a class: no project value can become code in the generated router. Programs
 * are filled with hostile strings (quotes, backslashes, line terminators, U+2028, comment and template
 * openers, lone surrogates, Object.prototype names, payloads that would set a canary if they ran) in
 * every value that reaches a generated file — names of flows, locales, steps, data, lookups and their
 * fields, one-of values, opening hours, the project id, the router URL, NCCO texts — seeded, many
 * times over. Each router is written to disk, imported (the canary must stay unset), its tables must
 * come back equal, its TypeScript must type-check alone, and it must answer a call with the texts intact.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { workerFiles, type RouterProgram } from '../../compiler/router/generate-router.js';
import type { DataDeclaration, FlowProgram, ProjectProgram } from '../../compiler/router/runtime/program.mjs';
import { asciiJson } from '../../compiler/router/runtime/render.mjs';
import { tempDir, typeErrors, writeRouter, type GeneratedRouterModule } from './router-helpers.js';
import { seededRandom as random } from '../helpers/seeded-random.js';

const CANARY = '__flowcHostileRan';

/** Pieces that end a string, a comment or a line, or open a template, in JavaScript or TypeScript. */
const HOSTILE = [
  `"\n;globalThis.${CANARY}=1;//`,
  `'\r;globalThis.${CANARY}=1;//`,
  `\u2028globalThis.${CANARY}=1//`,
  `\u2029globalThis.${CANARY}=1//`,
  `*/globalThis.${CANARY}=1;/*`,
  `\${globalThis.${CANARY}=1}`,
  `\`+(globalThis.${CANARY}=1)+\``,
  '\\',
  '\\u0022',
  '</script><!--',
  '\u0000\u001f\u007f',
  '\ud800',
  '\udc00x',
  '😀',
  '«»’',
  '__proto__',
  'constructor',
  'toString',
  ' ',
];

function hostileProgram(seed: number): RouterProgram & { text: string } {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const used = new Set<string>();
  /** A hostile name: never '/', which the contract keeps out of names; unique within the program. */
  const hostile = (prefix: string): string => {
    for (;;) {
      const text = `${prefix}${pick(HOSTILE)}${rnd() < 0.5 ? pick(HOSTILE) : ''}`.replace(/\//g, '');
      if (text !== '' && !used.has(text)) {
        used.add(text);
        return text;
      }
    }
  };
  const flowName = hostile('');
  const other = hostile('b');
  const locale = hostile('l');
  const step = hostile('s');
  const next = hostile('t');
  const data = hostile('d');
  const lookup = hostile('k');
  const field = hostile('f');
  const hours = hostile('h');
  const oneOf = [hostile('v'), hostile('v')];
  const text = `${pick(HOSTILE)} ${pick(HOSTILE)} said ${pick(HOSTILE)}`;
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${x} in a URL is the hostile value
  const routerUrl = `https://ivr.example.com/a${pick(['"', "'", '`', '*/', '${x}', '\\', '<!--'])}b`;
  const declaration: Record<string, DataDeclaration> = {
    [data]: { type: { type: 'one-of', values: oneOf } },
    [field]: { type: { type: 'text', maxLength: 20 }, optional: true },
  };
  const flow: FlowProgram = {
    version: 1,
    flow: flowName,
    locales: [locale],
    data: declaration,
    steps: {
      [`${locale}/${step}`]: {
        kind: 'ncco',
        reads: [],
        ncco: [asciiJson([{ action: 'talk', text }]).slice(0, -2), ',"eventUrl":["', { state: true }, '"]}]'],
        on: { kind: 'notify', default: { to: { flow: other, locale, step: next } } },
      },
    },
  };
  const second: FlowProgram = {
    version: 1,
    flow: other,
    locales: [locale],
    data: {},
    steps: { [`${locale}/${next}`]: { kind: 'ncco', reads: [], ncco: [asciiJson([{ action: 'talk', text: next }])] } },
  };
  const project: ProjectProgram = {
    version: 1,
    projectId: hostile('p'),
    routerUrl,
    numbers: { '15550001111': { start: { flow: flowName, locale, step }, answeredBy: 'cdn' } },
    flows: { [flowName]: { sha256: 'x' }, [other]: { sha256: 'y' } },
    hours: { [hours]: { timeZone: 'America/New_York', weekly: { mon: [{ from: '09:00', to: '17:00' }] }, closed: ['2026-12-25'] } },
    lookups: { [lookup]: { input: declaration, output: declaration, timeoutMs: 100 } },
  };
  return { project, flows: [flow, second], text };
}

const temp = tempDir('router-hostile');
afterAll(() => temp.cleanup());
describe('hostile project values stay data in the generated router', () => {
  const SEEDS = Array.from({ length: 24 }, (_, i) => i + 1);

  it.each(SEEDS)('seed %i: imports without running anything, keeps every value, answers with the text intact', async (seed) => {
    const program = hostileProgram(seed);
    const out = writeRouter(program, temp.dir);
    const mod = (await import(pathToFileURL(path.join(out, 'router.mjs')).href)) as GeneratedRouterModule;
    expect((globalThis as Record<string, unknown>)[CANARY]).toBeUndefined();
    expect(mod.project).toEqual({
      version: 1,
      projectId: program.project.projectId,
      routerUrl: program.project.routerUrl,
      hours: program.project.hours,
      lookups: program.project.lookups,
      numberShards: 1,
    });
    const router = mod.createRouter({ allowUnsigned: true, logger: { warn: () => undefined } });
    const res = await router.fetch(new Request('http://localhost/answer?to=15550001111&conversation_uuid=CON-1'));
    expect(res.status).toBe(200);
    const ncco = (await res.json()) as { text: string; eventUrl: string[] }[];
    expect(ncco[0]!.text).toBe(program.text);
    expect((globalThis as Record<string, unknown>)[CANARY]).toBeUndefined();
  });

  it.each(SEEDS)('seed %i: the Workers files hold no project value but a cleaned name', (seed) => {
    const program = hostileProgram(seed);
    const [worker, wrangler] = workerFiles(program);
    expect(worker!.content).not.toContain(program.project.projectId);
    const config = JSON.parse(wrangler!.content.replace(/^\s*\/\/.*$/gm, '')) as { name: string };
    expect(config.name).toMatch(/^flowc(-[a-z0-9]+)*$/);
  });

  it('router.ts type-checks on its own for several programs, every hostile name a string-literal key', async () => {
    const entries = SEEDS.slice(0, 4).map((seed) => path.join(writeRouter(hostileProgram(seed), temp.dir), 'router.ts'));
    expect(await typeErrors(entries)).toEqual([]);
  });
});
