/**
 * flowc.yaml's schema check and the parse cache (issue 12, "Rebuilds"): a clean flowc.yaml served from its
 * parse record is not checked again; one with findings is, for the value left once its bad keys are set
 * aside. Either way a build served from `.flowc-cache/` reports, and writes, what a build without the cache
 * does, in the same process and in the next one.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runFlowc, writeProject } from '../helpers/temp-project.js';

const flow = 'flow: a\nnumbers: { "14155550100": en-US }\nlocales: [en-US]\nstart: hello\nsteps:\n  hello:\n    - talk: { say: hello }\n';

const settings: [name: string, text: string][] = [
  ['clean', 'routerUrl: https://ivr.example.com/flowc\n'],
  [
    'clean, with a locale and a rule',
    'routerUrl: https://ivr.example.com/flowc\nlocales:\n  en-US:\n    style: 2\nrules:\n  i18n/unused-message: off\n',
  ],
  ['an unknown key', 'routerUrl: https://ivr.example.com/flowc\ncolour: blue\n'],
  ['an unknown key in a locale', 'routerUrl: https://ivr.example.com/flowc\nlocales:\n  en-US:\n    stile: 2\n'],
  ['a value of the wrong type', 'routerUrl: https://ivr.example.com/flowc\nlocales:\n  en-US:\n    style: loud\n'],
  ['a bad router URL', 'routerUrl: 42\n'],
  ['not a map', '- just\n- a list\n'],
];

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** What a build reported (JSON diagnostics) and wrote. */
async function build(dir: string, args: string[], out: string) {
  const run = await runFlowc(['build', '--format', 'json', '--out', out, ...args], dir);
  let manifest: string | undefined;
  try {
    manifest = readFileSync(path.join(dir, out, 'manifest.json'), 'utf8');
  } catch {
    manifest = undefined;
  }
  return { exitCode: run.exitCode, report: run.stdout, manifest };
}

describe("flowc.yaml's schema check from the parse cache", () => {
  for (const [name, text] of settings) {
    it(`reports and builds what a build without the cache does: ${name}`, async () => {
      const dir = await writeProject({ 'flowc.yaml': text, 'flows/a.flow.yaml': flow, 'flows/messages/en-US.yaml': 'hello: Goodbye.\n' });
      dirs.push(dir);
      const clean = await build(dir, ['--no-cache'], 'clean');
      // The first build records flowc.yaml's parse and findings; the next ones are served from the record.
      for (let n = 0; n < 3; n++) {
        const cached = await build(dir, [], 'cached');
        expect({ ...cached, report: JSON.parse(cached.report) }, `build ${n}`).toEqual({ ...clean, report: JSON.parse(clean.report) });
      }
    });
  }
});
