/** `flowc build` and `flowc check`. */
import path from 'node:path';
import { buildProject } from '../build/build-project.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { planOutput } from '../emit/plan-output.js';
import { compareOutput, writeOutputAtomically } from '../emit/write-output.js';
import type { CliIo } from './cli-io.js';
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
  const result = await buildProject(root, {
    ...(options.routerUrl !== undefined ? { routerUrl: options.routerUrl } : {}),
    ...(options.cdnUrl !== undefined ? { cdnUrl: options.cdnUrl } : {}),
    ...(options.strict ? { strict: true } : {}),
  });
  const diagnostics: Diagnostic[] = [...result.diagnostics];
  const failed = hasErrors(diagnostics);
  let note = '';
  if (!failed && !options.dryRun) {
    const files = planOutput(result.steps, result.router, result.cdnUrl);
    const rel = path.relative(io.cwd, outDir) || '.';
    if (options.check) {
      const stale = await compareOutput(outDir, files);
      const list = [...stale.changed.map((f) => `changed: ${f}`), ...stale.missing.map((f) => `missing: ${f}`), ...stale.extra.map((f) => `not produced any more: ${f}`)];
      if (list.length > 0) {
        diagnostics.push({
          code: 'build/stale-output',
          severity: 'error',
          message: `${rel}/ is not what flowc builds from the flows now (${list.length} file${list.length === 1 ? '' : 's'} differ): ${list.slice(0, 10).join('; ')}${list.length > 10 ? '; …' : ''}.`,
          hint: 'Run "npx flowc build" and commit the result.',
        });
      } else note = `${rel}/ is up to date (${files.length} files).`;
    } else {
      await writeOutputAtomically(outDir, files);
      note = `Wrote ${files.length} files to ${rel}/ (${result.steps.length} NCCOs).`;
    }
  } else if (failed && !options.dryRun && !options.check) {
    note = 'Nothing was written: the previous output is unchanged.';
  }
  const code = report(io, format, diagnostics, result.sources);
  if (note) (format === 'pretty' ? io.stdout : io.stderr)(note + '\n');
  return code;
}
