/** The flowc command line: a thin layer over the API (commander for parsing only). */
import { Command, CommanderError, Option } from 'commander';
import { ExitCode, UsageError, type CliIo } from './cli-io.js';
import { toolVersion } from './version.js';

// Each command loads its modules when it runs, so `flowc lint-ncco` does not pay for the build pipeline.

const formatOption = () => new Option('--format <format>', 'output format: pretty, json, github or sarif').default('pretty');
const baseDirOption = () =>
  new Option('--base-dir <dir>', 'paths in github and sarif output are relative to this folder (default: the git top level)');
const outputFileOption = () => new Option('--output-file <file>', 'write the report to this file instead of standard output');

const exitCodes = `
Exit codes:
  0  no errors (warnings allowed, unless --strict)
  1  errors in the input (flows, catalogs, NCCO files), or stale output with --check
  2  usage error (unknown command or option, bad option value, nothing to do)
  3  internal error in flowc (a bug: run again with --verbose and report it)`;

const examples = `
Examples:
  flowc init my-line                 a new project in two languages, ready to build
  flowc build                        check the project (found upward from here) and write dist/
  flowc check --format github        annotations for a GitHub pull request
  flowc build --check --format sarif --output-file flowc.sarif
                                     CI: fail on stale dist/, a SARIF log for code scanning
  flowc lint-ncco 'nccos/**/*.json'  validate NCCO JSON written by anyone
  flowc i18n status                  what is left to translate
  flowc editor-setup                 completion and checks in VS Code (YAML extension)
  flowc studio                       the flows, their problems and calls in a browser (localhost)

Docs: docs/format.md (the format), docs/rules.md (every problem code), README.md.`;

interface ReportOptions {
  format?: string;
  baseDir?: string;
  outputFile?: string;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = new Command('flowc')
    .description('Compile Vonage call flows written in YAML into validated NCCO JSON and a typed webhook router.')
    .version(toolVersion, '-v, --version')
    .option('--verbose', 'show stack traces of internal errors')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showSuggestionAfterError(true)
    .addHelpText('after', `${examples}\n${exitCodes}`);

  program
    .command('init')
    .description('create a working project in two languages (flowc.yaml, flows/, templates/) with editor support')
    .argument('[dir]', 'where to create it (default: the current folder)')
    .action(async (dir: string | undefined) => {
      const { runInit } = await import('./init-command.js');
      exitCode = runInit(io, dir);
    });

  program
    .command('build')
    .description('check the project and write dist/ (NCCO JSON, manifest, _headers, router)')
    .argument('[dir]', 'project folder (holds flows/, templates/, flowc.yaml; default: found upward from here)')
    .option('--out <dir>', 'output folder (default: <dir>/dist)')
    .option('--router-url <url>', 'base URL of the deployed router (overrides flowc.yaml)')
    .option('--cdn-url <url>', 'base URL where dist/ncco is served (overrides flowc.yaml)')
    .addOption(formatOption())
    .addOption(baseDirOption())
    .addOption(outputFileOption())
    .option('--check', 'write nothing; fail when the output folder is not what this build produces, listing the files')
    .option('--strict', 'treat warnings as errors')
    .option('--wrangler', 'also write worker.mjs and wrangler.jsonc, to deploy the router to Cloudflare Workers')
    .option('--no-cache', 'compile every flow: neither read nor write the build cache (.flowc-cache/)')
    .option('--watch', 'stay running and build again each time a project file is saved (Ctrl+C stops)')
    .addHelpText(
      'after',
      '\nExamples:\n  flowc build --check --format github   in CI: annotations, and a failure when dist/ is stale\n  flowc build --watch                   rebuild on save, with the compiler kept warm',
    )
    .action(async (dir: string | undefined, opts) => {
      if (opts.watch) {
        if (opts.check) throw new UsageError('--watch writes the output each time; it cannot be combined with --check.');
        const { runWatch } = await import('./watch-command.js');
        exitCode = await runWatch(io, dir, { ...opts, progress: false });
        return;
      }
      const { runBuild } = await import('./build-command.js');
      exitCode = await runBuild(io, dir, { ...opts, progress: io.interactive === true });
    });

  program
    .command('check')
    .description('everything build does, writing nothing')
    .argument('[dir]', 'project folder (default: found upward from here)')
    .option('--router-url <url>', 'base URL of the deployed router')
    .addOption(formatOption())
    .addOption(baseDirOption())
    .addOption(outputFileOption())
    .option('--strict', 'treat warnings as errors')
    .action(async (dir: string | undefined, opts) => {
      const { runBuild } = await import('./build-command.js');
      exitCode = await runBuild(io, dir, { ...opts, dryRun: true, progress: io.interactive === true });
    });

  program
    .command('lint-ncco')
    .description('validate NCCO JSON written by anyone: files, folders (every .json in them) or quoted globs')
    .argument('<files...>', "NCCO JSON files, folders, or globs such as 'nccos/**/*.json'")
    .addOption(formatOption())
    .addOption(baseDirOption())
    .addOption(outputFileOption())
    .option('--currency <codes>', 'comma-separated currencies pay may use (default: usd)')
    .action(async (files: string[], opts: ReportOptions & { currency?: string }) => {
      const [{ parseFormat, report }, { lintNccoFiles }, { expandNccoInputs }, { default: path }] = await Promise.all([
        import('./report.js'),
        import('../validate/lint-ncco.js'),
        import('./ncco-inputs.js'),
        import('node:path'),
      ]);
      const format = parseFormat(opts.format);
      const currencies = opts.currency
        ?.split(',')
        .map((c) => c.trim().toLowerCase())
        .filter(Boolean);
      // ISO 4217 codes are three letters (the NCCO reference's `currency`, e.g. usd).
      const notCode = currencies?.find((c) => !/^[a-z]{3}$/.test(c));
      if (notCode !== undefined || (opts.currency !== undefined && currencies?.length === 0))
        throw new UsageError(
          `--currency takes ISO 4217 codes of three letters, comma-separated, e.g. usd or usd,eur (got "${opts.currency}").`,
        );
      const inputs = await expandNccoInputs(files, io.cwd);
      const { diagnostics, sources } = await lintNccoFiles(inputs, { cwd: io.cwd, ...(currencies?.length ? { currencies } : {}) });
      exitCode = report(io, format, diagnostics, sources, {
        pathsFrom: io.cwd,
        ...(opts.baseDir !== undefined ? { baseDir: path.resolve(io.cwd, opts.baseDir) } : {}),
        ...(opts.outputFile !== undefined ? { outputFile: path.resolve(io.cwd, opts.outputFile) } : {}),
      });
    });

  const i18n = program.command('i18n').description('translation tools: status, export, import, add-locale');
  i18n
    .command('status')
    .description('coverage of every locale × flow (messages, missing, fallback-served, pay prompt texts) and the missing texts')
    .argument('[dir]', 'project folder (default: found upward from here)')
    .option('--format <format>', 'table or json', 'table')
    .addHelpText('after', '\nExits with 1 while a text is missing or a flow cannot be read, so it can gate a release.')
    .action(async (dir: string | undefined, opts: { format?: string }) => {
      const { runI18nStatus } = await import('./i18n-command.js');
      exitCode = await runI18nStatus(io, dir, opts);
    });
  i18n
    .command('export')
    .description('every text to translate, with its context, limits and placeholders, as a PO, XLIFF or CSV file')
    .argument('[dir]', 'project folder (default: found upward from here)')
    .option('--format <format>', 'po, xliff or csv (default: from --out)')
    .option('--locale <locale>', 'the locale to translate into (po and xliff hold one; csv: all when left out)')
    .option('--source <locale>', 'the locale to translate from (default: the first in flowc.yaml)')
    .option('--missing-only', 'only the texts the locale has no translation of')
    .option('--out <file>', 'write the file here instead of to standard output')
    .action(async (dir: string | undefined, opts) => {
      const { runI18nExport } = await import('./i18n-command.js');
      exitCode = await runI18nExport(io, dir, opts);
    });
  i18n
    .command('import')
    .description('check a translated PO, XLIFF or CSV file and write it into the catalogs and prompt sets (all or nothing)')
    .argument('<file>', 'the translated file')
    .argument('[dir]', 'project folder (default: found upward from here)')
    .option('--format <format>', 'po, xliff or csv (default: from the file name)')
    .option('--source <locale>', 'the locale the texts were translated from (default: the first in flowc.yaml)')
    .option('--report <format>', 'how problems are printed: pretty, json, github or sarif', 'pretty')
    .option('--dry-run', 'check everything and say what would be written, writing nothing')
    .action(async (file: string, dir: string | undefined, opts) => {
      const { runI18nImport } = await import('./i18n-command.js');
      exitCode = await runI18nImport(io, file, dir, opts);
    });
  i18n
    .command('add-locale')
    .description('prepare a new locale: its voice in flowc.yaml, an empty catalog, and the prompt sets to translate')
    .argument('<locale>', 'the new locale, e.g. fr-FR')
    .argument('[dir]', 'project folder (default: found upward from here)')
    .option('--language <code>', 'the Vonage text-to-speech language (default: the locale)')
    .option('--style <n>', 'the voice style (default: the first that reads SSML)')
    .option('--fallback <locale>', 'a locale that fills in what this one lacks')
    .action(async (locale: string, dir: string | undefined, opts) => {
      const { runI18nAddLocale } = await import('./i18n-command.js');
      exitCode = await runI18nAddLocale(io, locale, dir, opts);
    });

  program
    .command('editor-setup')
    .description("write the schema associations for VS Code's YAML extension (.vscode/settings.json): completion, hover, checks")
    .argument('[dir]', 'project folder (default: found upward from here)')
    .action(async (dir: string | undefined) => {
      const [{ runEditorSetup }, { findProjectRoot }, { checkProjectFolder }] = await Promise.all([
        import('./init-command.js'),
        import('./project-root.js'),
        import('./check-paths.js'),
      ]);
      const root = findProjectRoot(io.cwd, dir);
      checkProjectFolder(root);
      exitCode = runEditorSetup(io, root);
    });

  program
    .command('test')
    .description('play the call scenarios (flows/**/*.test.yaml) through the real NCCOs and router; coverage of every transition')
    .argument('[dir]', 'project folder (default: found upward from here)')
    .option('--format <format>', 'output format: pretty, json or junit', 'pretty')
    .option('--update', 'store the transcripts of new and changed scenarios (review them before committing)')
    .option('--min-coverage <percent>', 'fail when fewer transitions than this are covered')
    .option('--filter <text>', 'only the scenarios whose name contains this text')
    .option('--max-webhooks <n>', 'stop a call after this many webhooks (a loop)', undefined)
    .action(async (dir: string | undefined, opts) => {
      const { runTest } = await import('./test-command.js');
      exitCode = await runTest(io, dir, opts);
    });

  program
    .command('call')
    .description('play one call in the terminal (or from standard input, one act per line) through the real NCCOs and router')
    .argument('<number|flow>', 'the number dialled, or a flow name (outbound flows, or any flow in a --locale)')
    .option('--dir <dir>', 'project folder (default: found upward from here)')
    .option('--locale <locale>', 'the locale a flow is called in (default: its first)')
    .option('--from <number>', "the caller's number")
    .option('--to <number>', 'the number called, for a flow called by name (the customer in an outbound call)')
    .option('--at <time>', 'when the call happens, e.g. 2026-03-02T19:00 (local time of the opening hours; default now)')
    .option(
      '--lookups <module>',
      "a JavaScript module exporting the project's lookups (export const lookups = { … }); without it, lookups are asked for",
    )
    .action(async (target: string, opts) => {
      const { runCall } = await import('./call-command.js');
      exitCode = await runCall(io, target, opts);
    });

  program
    .command('diagram')
    .description('flowcharts of the flows: Mermaid (GitHub renders it), Markdown with Mermaid, or Graphviz DOT')
    .argument('[flow]', 'only this flow (default: every flow)')
    .option('--dir <dir>', 'project folder (default: found upward from here)')
    .option('--format <format>', 'mermaid, markdown or dot (default: markdown for an --out ending in .md, else mermaid)')
    .option('--locale <locale>', "the locale to draw (default: each flow's first)")
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--check', 'write nothing; fail when --out is not what this command would write')
    .action(async (flow: string | undefined, opts) => {
      const { runDiagram } = await import('./diagram-command.js');
      exitCode = await runDiagram(io, flow, opts);
    });

  program
    .command('studio')
    .description('the project in a browser page: diagrams, problems on their steps, step details, calls to click through, translations')
    .argument('[dir]', 'project folder (default: found upward from here)')
    .option('--port <n>', 'port (0: any free one)', '4321')
    .option('--host <host>', 'address to listen on (default 127.0.0.1: this computer only)', '127.0.0.1')
    .option('--export <dir>', 'write the same page as a static site to this folder, and stop')
    .action(async (dir: string | undefined, opts) => {
      const { runStudio } = await import('./studio-command.js');
      exitCode = await runStudio(io, dir, opts);
    });

  program
    .command('schema')
    .description('print the JSON Schema editors use for one kind of file (also shipped in the package, in schemas/)')
    .argument('[kind]', 'flow, messages, pay-set, template or project', 'flow')
    .action(async (kind: string) => {
      const { editorSchema, editorSchemaKinds } = await import('../check/schemas/editor-schemas.js');
      if (!(editorSchemaKinds as readonly string[]).includes(kind))
        throw new UsageError(`The schema kinds are ${editorSchemaKinds.join(', ')} (got "${kind}").`);
      io.stdout(JSON.stringify(editorSchema(kind as (typeof editorSchemaKinds)[number]), null, 2) + '\n');
    });

  program
    .command('serve')
    .description('serve the generated router (dist/router.mjs) on localhost; secret from FLOWC_SIGNATURE_SECRET')
    .option('--dist <dir>', 'the build output folder', 'dist')
    .option('--port <n>', 'port', '3000')
    .option('--allow-unsigned', 'accept webhooks without a signature (local experiments only)')
    .option('--lookups <module>', 'a JavaScript module exporting the lookups (and optionally onInput, onProblem)')
    .action(async (opts: { dist: string; port: string; allowUnsigned?: boolean; lookups?: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port must be a number from 0 to 65535 (got "${opts.port}").`);
      const secret = io.env.FLOWC_SIGNATURE_SECRET;
      if (!secret && !opts.allowUnsigned) {
        throw new UsageError('Set FLOWC_SIGNATURE_SECRET to your Vonage signature secret, or pass --allow-unsigned for local experiments.');
      }
      const [{ default: path }, { ApplicationModuleError, startServer }] = await Promise.all([
        import('node:path'),
        import('../router/serve.js'),
      ]);
      const { existsSync } = await import('node:fs');
      // A build killed after committing its changes is finished first (docs/hosting.md); a build
      // writing right now is left alone.
      const { recoverOutputFolder } = await import('../emit/write-output.js');
      try {
        recoverOutputFolder(path.resolve(io.cwd, opts.dist));
      } catch {
        // Busy, or nothing there: serve reads what there is.
      }
      if (!existsSync(path.resolve(io.cwd, opts.dist, 'router.mjs')))
        throw new UsageError(`${opts.dist}/router.mjs does not exist: run "flowc build" first, or point --dist at its output.`);
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        server = await startServer({
          distDir: path.resolve(io.cwd, opts.dist),
          port,
          ...(secret ? { secret } : {}),
          ...(io.env.FLOWC_STATE_SECRET ? { stateSecret: io.env.FLOWC_STATE_SECRET } : {}),
          ...(opts.allowUnsigned ? { allowUnsigned: true } : {}),
          ...(opts.lookups !== undefined ? { lookupsModule: path.resolve(io.cwd, opts.lookups) } : {}),
        });
      } catch (err) {
        if (err instanceof ApplicationModuleError) throw new UsageError(err.message);
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE')
          throw new UsageError(`Port ${port} is already in use on 127.0.0.1: stop what runs there, or choose another with --port.`);
        if (code === 'EACCES')
          throw new UsageError(`Port ${port} needs more privileges than flowc has: choose one above 1023 with --port.`);
        throw err;
      }
      io.stderr(
        `flowc router listening on ${server.url} (${secret ? 'signed webhooks required' : 'UNSIGNED webhooks accepted'}). ` +
          'Ctrl+C stops it.\n',
      );
      await new Promise<void>((resolve) => {
        const stop = () => void server.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  program
    .command('sign')
    .description('print an Authorization header value for a webhook body, signed like Vonage does (for curl tests)')
    .option('--body <json>', 'the exact request body (POST)')
    .option('--query <query>', 'the exact query string (GET), e.g. "to=14155550100&from=15551234567"')
    .option('--secret <secret>', 'signature secret (default: FLOWC_SIGNATURE_SECRET)')
    .action(async (opts: { body?: string; query?: string; secret?: string }) => {
      const secret = opts.secret ?? io.env.FLOWC_SIGNATURE_SECRET;
      if (!secret) throw new UsageError('Give --secret or set FLOWC_SIGNATURE_SECRET.');
      if ((opts.body === undefined) === (opts.query === undefined)) throw new UsageError('Give either --body (POST) or --query (GET).');
      const { queryHashPayload, signWebhook } = await import('../router/sign-webhook.js');
      // A GET is signed over its parameters in URL order (docs/router.md, "Signed webhooks").
      io.stdout(`Bearer ${signWebhook(opts.body ?? queryHashPayload(opts.query ?? ''), secret)}\n`);
    });

  // Bare `flowc`: the help, on stderr, and the usage exit code (nothing was asked for).
  if (argv.length === 0) {
    io.stderr(program.helpInformation() + `${examples}\n${exitCodes}\n`);
    return ExitCode.usage;
  }

  try {
    // Every command's help ends with the exit codes, as the README says.
    for (const command of program.commands) command.addHelpText('after', exitCodes);
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return ExitCode.ok;
      return ExitCode.usage;
    }
    if (err instanceof UsageError) {
      io.stderr(`flowc: ${err.message}\n`);
      return ExitCode.usage;
    }
    throw err;
  }
}
