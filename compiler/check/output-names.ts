/**
 * Names that become file names in the output — dist/ncco/<flow>/<locale>/<step>.json — must be
 * distinct and allowed on macOS and Windows too (issue 10 #9): `Welcome` and `welcome` steps, or
 * `en-US` and `en-us` locales, are one file there, and one NCCO would overwrite the other; a step
 * named `CON` or `nul` cannot be checked out on Windows at all. Project files are checked when they
 * are found (compiler/load/find-project-files.ts).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { joinPointer } from '../diagnostics/json-pointer.js';
import { foldedName, windowsNameProblem } from '../load/portable-names.js';
import type { SourceFile } from '../load/source-file.js';
import { rangeAtPointer } from '../load/source-position.js';
import type { ProjectModel } from '../resolve/project-model.js';

interface Named {
  name: string;
  file: SourceFile;
  pointer: string;
  /** Where the name is written: a map key, or a value (flow:, an item of locales:). */
  part: 'key' | 'value';
}

export function checkOutputNames(model: ProjectModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (n: Named) => rangeAtPointer(n.file.doc, n.file.lineCounter, n.pointer, n.part);

  const unportable = (n: Named, what: string): void => {
    // A name becomes <name>.json or a folder <name>: check it as Windows would see that file.
    const problem = windowsNameProblem(n.name);
    if (problem === undefined) return;
    out.push({
      code: 'build/unportable-name',
      severity: 'error',
      message: `The ${what} "${n.name}" becomes a file name in dist/ that cannot exist on Windows: ${problem}.`,
      file: n.file.path,
      pointer: n.pointer,
      range: at(n),
      hint: `Rename the ${what}: Windows reserves CON, PRN, AUX, NUL, COM0-COM9 and LPT0-LPT9, in any case.`,
    });
  };

  /** Reports every name whose folded form an earlier one of the group already has. */
  const collisions = (group: readonly Named[], what: string, where: string): void => {
    const first = new Map<string, Named>();
    for (const n of group) {
      const key = foldedName(n.name);
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, n);
        continue;
      }
      if (earlier.name === n.name) continue; // the same name twice is reported where it is defined
      out.push({
        code: 'build/case-collision',
        severity: 'error',
        message: `The ${what} "${n.name}" and "${earlier.name}" ${where} differ only in upper and lower case: on macOS and Windows they are one file in dist/, and one would overwrite the other.`,
        file: n.file.path,
        pointer: n.pointer,
        range: at(n),
        hint: `Rename one of them so that the names differ by more than case.`,
        related: [{ message: `"${earlier.name}" is here`, file: earlier.file.path, ...optionalRange(at(earlier)) }],
      });
    }
  };

  const settingsFile = model.settings.file;
  if (settingsFile) {
    const locales = Object.keys(model.settings.locales).map(
      (name): Named => ({ name, file: settingsFile, pointer: joinPointer('/locales', name), part: 'key' }),
    );
    for (const n of locales) unportable(n, 'locale');
    collisions(locales, 'locales', 'in flowc.yaml');
  }
  const flows: Named[] = [];
  for (const { file, doc } of model.flows) {
    const flow: Named = { name: doc.flow, file, pointer: '/flow', part: 'value' };
    flows.push(flow);
    unportable(flow, 'flow');
    const locales = doc.locales.map((name, i): Named => ({ name, file, pointer: `/locales/${i}`, part: 'value' }));
    for (const n of locales) if (!settingsFile || !Object.hasOwn(model.settings.locales, n.name)) unportable(n, 'locale');
    collisions(locales, 'locales', `of flow "${doc.flow}"`);
    const steps = Object.keys(doc.steps).map((name): Named => ({ name, file, pointer: joinPointer('/steps', name), part: 'key' }));
    for (const n of steps) unportable(n, 'step');
    collisions(steps, 'steps', `of flow "${doc.flow}"`);
  }
  collisions(flows, 'flows', 'in this project');
  return out;
}

const optionalRange = <T>(range: T | undefined): { range: T } | Record<string, never> => (range === undefined ? {} : { range });
