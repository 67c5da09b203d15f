/**
 * Saving a call played in the studio into the project: `flows/<name>.test.yaml` (the scenario) and, when
 * the page sends what the call did, `flows/<name>.test.transcripts.txt` (its stored transcript, so that
 * `flowc test` checks the call at once). The name is letters, digits, `-` and `_` only, so the file is
 * always directly in flows/; flows/ itself must be inside the project once symlinks are followed. An
 * existing scenario file is replaced only when the request says so (the person confirmed it in the
 * page). Each file is written to a hidden temporary file beside it, then renamed over it (or linked,
 * which fails rather than replace a file that appeared meanwhile): a reader never sees half a file.
 */
import { randomUUID } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { link, lstat, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { parseSource } from '../../load/parse-source.js';
import { readScenarioFile } from '../../simulate/scenarios/read-scenarios.js';
import { formatTranscriptsFile } from '../../simulate/scenarios/run-scenarios.js';
import { transcriptsPathOf } from '../../simulate/scenarios/transcripts-file.js';

/** A scenario file's name (without flows/ and .test.yaml). */
export const SCENARIO_FILE_NAME = /^[A-Za-z0-9_-]{1,100}$/;

export interface SaveScenarioRequest {
  /** The file's name: flows/<name>.test.yaml. */
  name: string;
  /** The scenario file's text. */
  yaml: string;
  /** The call's transcript (transcript lines), stored beside the scenario. */
  transcript?: string;
  /** Replace an existing file (the person confirmed). */
  overwrite?: boolean;
}

export interface SaveScenarioAnswer {
  status: number;
  body: { saved: boolean; message: string; file?: string; exists?: boolean };
}

const refused = (status: number, message: string, extra: Partial<SaveScenarioAnswer['body']> = {}): SaveScenarioAnswer => ({
  status,
  body: { saved: false, message, ...extra },
});

const isRequest = (v: unknown): v is SaveScenarioRequest => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r.name === 'string' &&
    typeof r.yaml === 'string' &&
    (r.transcript === undefined || typeof r.transcript === 'string') &&
    (r.overwrite === undefined || typeof r.overwrite === 'boolean')
  );
};

const inside = (child: string, parent: string): boolean => {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

/** Writes `text` to `target` through a temporary file; without `replace`, fails (EEXIST) if `target` exists. */
async function writeAtomically(target: string, text: string, replace: boolean): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomUUID()}.tmp`);
  await writeFile(temp, text, { flag: 'wx' });
  try {
    if (replace) await rename(temp, target);
    else await link(temp, target);
  } finally {
    if (!replace) await rm(temp, { force: true });
  }
}

export async function saveScenario(root: string, request: unknown): Promise<SaveScenarioAnswer> {
  if (!isRequest(request)) return refused(400, 'The request is not a scenario to save (name and yaml, as text).');
  const { name } = request;
  if (!SCENARIO_FILE_NAME.test(name))
    return refused(400, `"${name}" is not a file name the studio writes: use letters, digits, - and _ only (at most 100).`);
  const rel = `flows/${name}.test.yaml`;
  const parsed = parseSource(rel, 'scenario', new TextEncoder().encode(request.yaml));
  const read = parsed.file ? readScenarioFile(parsed.file) : undefined;
  const problems = [...parsed.diagnostics, ...(read?.diagnostics ?? [])];
  if (!parsed.file || hasErrors(problems) || !read || read.scenarios.length !== 1) {
    const first = problems.find((d) => d.severity === 'error');
    return refused(422, `This is not one call scenario flowc test can play${first ? `: ${first.message}` : ''}.`);
  }
  let flows: string;
  try {
    const realRoot = realpathSync(root);
    flows = realpathSync(path.join(root, 'flows'));
    if (!inside(flows, realRoot) || !(await lstat(flows)).isDirectory()) throw new Error('outside');
  } catch {
    return refused(409, 'The project has no flows/ folder of its own to save the scenario in.');
  }
  const target = path.join(flows, `${name}.test.yaml`);
  const transcripts = transcriptsPathOf(target);
  let exists = false;
  for (const file of [target, transcripts]) {
    try {
      const stat = await lstat(file);
      if (!stat.isFile()) return refused(409, `${path.relative(flows, file)} in flows/ is not a plain file: choose another name.`);
      if (file === target) exists = true;
    } catch {
      // Not there: nothing to replace.
    }
  }
  if (exists && request.overwrite !== true)
    return refused(409, `${rel} already exists. Replace it, or choose another name.`, { exists: true, file: rel });
  try {
    await writeAtomically(target, request.yaml, exists);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return refused(409, `${rel} already exists. Replace it, or choose another name.`, { exists: true, file: rel });
    throw error;
  }
  const scenario = read.scenarios[0]!.name;
  if (request.transcript !== undefined)
    await writeAtomically(transcripts, formatTranscriptsFile(rel, new Map([[scenario, request.transcript]])), true);
  return {
    status: exists ? 200 : 201,
    body: {
      saved: true,
      file: rel,
      message: `${exists ? 'Replaced' : 'Saved'} ${rel}${request.transcript !== undefined ? ` and its transcript (${transcriptsPathOf(rel)})` : ''}: run flowc test to play it.`,
    },
  };
}
