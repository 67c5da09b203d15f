/** `flowc build` and `flowc check`. */
import path from 'node:path';
import { buildProject } from '../pipeline/build-project.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { planOutput } from '../emit/plan-output.js';
import { compareOutput, writeOutputAtomically } from '../emit/write-output.js';
import { UsageError, type CliIo } from './cli-io.js';
import { checkOutputFolder, checkProjectFolder } from './check-paths.js';
import { baseUrlProblem } from '../pipeline/base-url.js';
import { parseFormat, report } from './report.js';

export interface BuildCommandOptions {
  out?: string;
  routerUrl?: string;
  cdnUrl?: string;
  format?: string;
  check?: boolean;
  strict?: boolean;
  /** `flowc check`: everything build does, writing nothing. */
  dryRun?: boolean;
}

export async function runBuild(io: CliIo, dir: string | undefined, options: BuildCommandOptions): Promise<number> {
  const format = parseFormat(options.format);
  const root = path.resolve(io.cwd, dir ?? '.');
  const outDir = path.resolve(io.cwd, options.out ?? path.join(dir ?? '.', 'dist'));
  checkProjectFolder(root);
  if (!options.dryRun && !options.check) checkOutputFolder(outDir, root);
  for (const [flag, value] of [
    ['--router-url', options.routerUrl],
    ['--cdn-url', options.cdnUrl],
  ] as const) {
    const problem = value === undefined ? undefined : baseUrlProblem(value);
    if (problem) throw new UsageError(`${flag} ${problem}`);
  }
  const result = await buildProject(root, {
    ...(options.routerUrl !== undefined ? { routerUrl: options.routerUrl } : {}),
    ...(options.cdnUrl !== undefined ? { cdnUrl: options.cdnUrl } : {}),
    ...(options.strict ? { strict: true } : {}),
  });
  const diagnostics: Diagnostic[] = [...result.diagnostics];
  const failed = hasErrors(diagnostics);
  let note = '';
  if (!failed && !options.dryRun) {
    const files = planOutput(result.steps, result.program, result.cdnUrl);
    const rel = path.relative(io.cwd, outDir) || '.';
    if (options.check) {
      const stale = await compareOutput(outDir, files);
      // Files that would be deleted first: the router adds dozens of files, which must not hide them.
      const list = [
        ...stale.extra.map((f) => `not produced any more: ${f}`),
        ...stale.changed.map((f) => `changed: ${f}`),
        ...stale.missing.map((f) => `missing: ${f}`),
      ];
      if (list.length > 0) {
        diagnostics.push({
          code: 'build/stale-output',
          severity: 'error',
          message: `${rel}/ is not what flowc builds from the flows now (${list.length} file${list.length === 1 ? '' : 's'} differ): ${list.slice(0, 10).join('; ')}${list.length > 10 ? '; …' : ''}.`,
          hint: 'Run "npx flowc build" and commit the result.',
        });
      } else note = `${rel}/ is up to date (${files.length} files).`;
    } else {
      try {
        await writeOutputAtomically(outDir, files);
        note = `Wrote ${files.length} files to ${rel}/ (${result.steps.length} NCCOs).`;
      } catch (err) {
        diagnostics.push({
          code: 'build/write-failed',
          severity: 'error',
          message: `The output could not be written to ${rel}/ (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); the previous output is unchanged.`,
          hint: 'Check that the folder is writable and on a disk with free space, or choose another with --out.',
        });
      }
    }
  } else if (failed && !options.dryRun && !options.check) {
    note = 'Nothing was written: the previous output is unchanged.';
  }
  const code = report(io, format, diagnostics, result.sources);
  if (note) (format === 'pretty' ? io.stdout : io.stderr)(note + '\n');
  return code;
}
