/** `flowc diagram`: flowcharts of the flows (Mermaid, Markdown with Mermaid, or DOT); `--check` for committed ones. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { diagramDocument, diagramFormats, type DiagramFormat } from '../diagram/diagram-document.js';
import { buildProject } from '../pipeline/build-project.js';
import { asUsageError, ExitCode, UsageError, type CliIo } from './cli-io.js';
import { checkProjectFolder } from './check-paths.js';
import { findProjectRoot } from './project-root.js';
import { report } from './report.js';

export interface DiagramCommandOptions {
  format?: string;
  locale?: string;
  out?: string;
  check?: boolean;
  dir?: string;
}

export async function runDiagram(io: CliIo, flowName: string | undefined, options: DiagramCommandOptions): Promise<number> {
  const format = (options.format ?? (options.out?.endsWith('.md') ? 'markdown' : 'mermaid')) as DiagramFormat;
  if (!diagramFormats.includes(format))
    throw new UsageError(`--format must be one of: ${diagramFormats.join(', ')} (got "${options.format}").`);
  if (options.check && options.out === undefined) throw new UsageError('--check compares with a file: give it with --out.');
  const root = findProjectRoot(io.cwd, options.dir);
  checkProjectFolder(root);
  const built = await buildProject(root);
  // Findings go to standard error: standard output is the diagram (`flowc diagram > flows.dot`).
  const findings: CliIo = { ...io, stdout: io.stderr };
  // One flow is drawn when nothing it is made of has an error: errors only in other flows' files are said, not blocking.
  const blocking = flowName === undefined ? built.diagnostics : blockingFor(flowName, built.diagnostics, built.flows);
  if (hasErrors(blocking)) return report(findings, 'pretty', built.diagnostics, built.sources);
  let flows = built.program.flows;
  if (flowName !== undefined) {
    flows = flows.filter((f) => f.flow === flowName);
    if (flows.length === 0) {
      // The flow may be one whose file has errors (not read): then those errors are the answer (exit 1).
      if (hasErrors(built.diagnostics)) {
        const code = report(findings, 'pretty', built.diagnostics, built.sources);
        io.stderr(`(No flow "${flowName}" could be read: it may be in a file with the errors above.)\n`);
        return code;
      }
      const s = didYouMean(
        flowName,
        built.program.flows.map((f) => f.flow),
      );
      throw new UsageError(`There is no flow "${flowName}".${s ? ` Did you mean "${s}"?` : ''}`);
    }
  }
  if (options.locale !== undefined) {
    const missing = flows.filter((f) => !f.locales.includes(options.locale!));
    if (missing.length > 0)
      throw new UsageError(`Flow ${missing[0]!.flow} has no locale "${options.locale}" (it has ${missing[0]!.locales.join(', ')}).`);
  }
  if (hasErrors(built.diagnostics)) {
    report(findings, 'pretty', built.diagnostics, built.sources);
    io.stderr(`(These errors are in other flows: ${flowName} is drawn.)\n`);
  }
  const text = diagramDocument({
    flows,
    starts: new Map(built.flows.map((f) => [f.name, f.start])),
    ...(options.locale !== undefined ? { locale: options.locale } : {}),
    format,
  });
  if (options.out === undefined) {
    io.stdout(text);
    return ExitCode.ok;
  }
  const file = path.resolve(io.cwd, options.out);
  if (options.check) {
    let stored: string | undefined;
    try {
      stored = await readFile(file, 'utf8');
    } catch {
      stored = undefined;
    }
    if (stored === text) {
      io.stdout(`${options.out} is up to date.\n`);
      return ExitCode.ok;
    }
    return report(
      findings,
      'pretty',
      [
        {
          code: 'diagram/stale',
          severity: 'error',
          message: stored === undefined ? `${options.out} does not exist.` : `${options.out} does not show the flows as they are now.`,
          file: options.out,
          hint: `Run "flowc diagram${flowName ? ` ${flowName}` : ''} --out ${options.out}${options.format ? ` --format ${format}` : ''}${options.locale ? ` --locale ${options.locale}` : ''}" and commit the result.`,
        },
      ],
      new Map(),
    );
  }
  await writeFile(file, text).catch((err: unknown) => {
    throw asUsageError('--out', options.out!, err);
  });
  io.stdout(`Wrote ${options.out}.\n`);
  return ExitCode.ok;
}

/**
 * The findings that stop one flow's diagram: all but those in another flow's file (a *.flow.yaml that is not this
 * flow's, read or not: one with a YAML or schema error is in no list of flows).
 */
export function blockingFor(
  flowName: string,
  diagnostics: readonly Diagnostic[],
  flows: readonly { name: string; file: string }[],
): Diagnostic[] {
  const own = new Set(flows.filter((f) => f.name === flowName).map((f) => f.file));
  return diagnostics.filter((d) => d.file === undefined || own.has(d.file) || !/\.flow\.yaml$/.test(d.file));
}
