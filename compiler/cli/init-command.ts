/** `flowc init [dir]`: a small working project in two locales that builds with no problems, and editor support. */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError, type CliIo } from './cli-io.js';
import { planEditorSetup, writeEditorSetup } from './editor-setup.js';

export const initFiles: Readonly<Record<string, string>> = {
  'flowc.yaml': `# Project settings (docs/format.md, "The project file").
# Where the router and the NCCO files will be served; change both before going live.
routerUrl: https://ivr.example.com/flowc
cdnUrl: https://cdn.example.com/ncco

# One entry per language the flows speak: its text-to-speech voice.
locales:
  en-US: { language: en-US, style: 2 }
  es-US: { language: es-US, style: 2 }

# Values every text can use as {{name}}.
vars:
  company: Example Company
`,
  'flows/main.flow.yaml': `# A menu in English and Spanish: press 1 for the opening hours, 9 for Spanish.
flow: main
description: The main line.
numbers:
  "14155550100": en-US      # your Vonage number → the language the call starts in
locales: [en-US, es-US]
vars:
  opens: "08:00"
  closes: "18:00"
start: menu

steps:
  menu:
    - talk: { say: menu.prompt, bargeIn: true }
    - input: { type: [dtmf], dtmf: { maxDigits: 1, timeOut: 5 } }
      on:
        "1": hours
        "9": { goto: menu, locale: es-US }
        timeout: menu-again
        default: menu-again

  menu-again:
    - talk: { say: menu.sorry }
    - talk: { say: menu.prompt, bargeIn: true }
    - input: { type: [dtmf], dtmf: { maxDigits: 1, timeOut: 5 } }
      on:
        "1": hours
        "9": { goto: menu, locale: es-US }
        # An attempt limit: back to menu-again at most twice in a call, then goodbye (docs/format.md, "Attempt limits").
        timeout: { goto: menu-again, max: 2, then: goodbye }
        default: { goto: menu-again, max: 2, then: goodbye }

  hours:
    - talk: { say: hours }
    - use: goodbye

  goodbye:
    - use: goodbye
`,
  'flows/messages/en-US.yaml': `# The English texts. Quote a text that starts with {{ or holds " #".
menu:
  prompt: Thank you for calling {{company}}. For our opening hours, press 1. Para español, oprima 9.
  sorry: Sorry, I did not get that.
hours: "We are open every day from {{time opens}} to {{time closes}}."
goodbye: Thank you for calling. Goodbye.
`,
  'flows/messages/es-US.yaml': `# Los textos en español.
menu:
  prompt: Gracias por llamar a {{company}}. Para conocer nuestro horario, oprima 1.
  sorry: Disculpe, no le entendí.
hours: "Abrimos todos los días de {{time opens}} a {{time closes}}."
goodbye: Gracias por llamar. Adiós.
`,
  'templates/goodbye.yaml': `template: goodbye
description: Says goodbye; the call ends after it.
actions:
  - talk: { say: goodbye }
`,
};

export function runInit(io: CliIo, dir: string | undefined): number {
  const root = path.resolve(io.cwd, dir ?? '.');
  if (existsSync(root) && readdirSync(root).some((f) => f === 'flowc.yaml' || f === 'flows' || f === 'templates')) {
    throw new UsageError(`${dir ?? '.'} already holds a flowc project (flowc.yaml, flows/ or templates/); nothing was written.`);
  }
  for (const [rel, text] of Object.entries(initFiles)) {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const written = writeEditorSetup(planEditorSetup(root));
  const shown = path.relative(io.cwd, root) || '.';
  const lines = [
    `Created a flowc project in ${shown}/:`,
    ...Object.keys(initFiles).map((f) => `  ${f}`),
    written.snippet
      ? `Editor: ${path.relative(io.cwd, written.settingsFile)} could not be read as JSON; add this to it:\n${written.snippet}`
      : `  ${path.relative(io.cwd, written.settingsFile)} (completion and checks in VS Code's YAML extension)`,
    '',
    'Next:',
    `  npx flowc build${shown === '.' ? '' : ` ${shown}`}      check the flows and write dist/`,
    `  npx flowc call 14155550100${shown === '.' ? '' : ` --dir ${shown}`}      be the caller, in this terminal (no phone needed)`,
    '  then set routerUrl and cdnUrl in flowc.yaml, and your Vonage number in flows/main.flow.yaml.',
  ];
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

export function runEditorSetup(io: CliIo, root: string): number {
  const setup = planEditorSetup(root);
  const written = writeEditorSetup(setup);
  const rel = (p: string) => path.relative(io.cwd, p) || '.';
  if (written.snippet) {
    io.stderr(
      `flowc: ${rel(written.settingsFile)} is not plain JSON (comments?), so it was left as it is. Add this to it:\n${written.snippet}\n`,
    );
    return 1;
  }
  const lines = [`Wrote the schema associations to ${rel(written.settingsFile)}:`];
  for (const [schema, globs] of Object.entries(setup.schemas)) lines.push(`  ${globs.join(', ')} → ${schema}`);
  if (setup.copied.length)
    lines.push(`The schemas were copied to ${rel(path.dirname(setup.copied[0]!))}/ (run editor-setup again after upgrading flowc).`);
  lines.push('Other editors with yaml-language-server: use the same "yaml.schemas" setting.');
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
