/** The flowc command line: a thin layer over the API (commander for parsing only). */
import { Command, CommanderError, Option } from 'commander';
import { ExitCode, UsageError, type CliIo } from './cli-io.js';
import { toolVersion } from './version.js';

// Each command loads its modules when it runs, so `flowc lint-ncco` does not pay for the build pipeline.

const formatOption = () => new Option('--format <format>', 'output format: pretty, json, github or sarif').default('pretty');

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = new Command('flowc')
    .description('Compile Vonage call flows written in YAML into validated NCCO JSON and a typed webhook router.')
    .version(toolVersion, '-v, --version')
    .option('--verbose', 'show stack traces of internal errors')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showSuggestionAfterError(true);

  program
    .command('build')
    .description('check the project and write dist/ (NCCO JSON, manifest, _headers, router)')
    .argument('[dir]', 'project folder (holds flows/, templates/, flowc.yaml)', '.')
    .option('--out <dir>', 'output folder (default: <dir>/dist)')
    .option('--router-url <url>', 'base URL of the deployed router (overrides flowc.yaml)')
    .option('--cdn-url <url>', 'base URL where dist/ncco is served (overrides flowc.yaml)')
    .addOption(formatOption())
    .option('--check', 'write nothing; fail when the output folder is not what this build produces')
    .option('--strict', 'treat warnings as errors')
    .action(async (dir: string, opts) => {
      const { runBuild } = await import('./build-command.js');
      exitCode = await runBuild(io, dir, opts);
    });

  program
    .command('check')
    .description('everything build does, writing nothing')
    .argument('[dir]', 'project folder', '.')
    .option('--router-url <url>', 'base URL of the deployed router')
    .addOption(formatOption())
    .option('--strict', 'treat warnings as errors')
    .action(async (dir: string, opts) => {
      const { runBuild } = await import('./build-command.js');
      exitCode = await runBuild(io, dir, { ...opts, dryRun: true });
    });

  program
    .command('lint-ncco')
    .description('validate NCCO JSON files written by anyone')
    .argument('<files...>', 'NCCO JSON files')
    .addOption(formatOption())
    .option('--currency <codes>', 'comma-separated currencies pay may use (default: usd)')
    .action(async (files: string[], opts: { format?: string; currency?: string }) => {
      const [{ parseFormat, report }, { lintNccoFiles }] = await Promise.all([import('./report.js'), import('../validate/lint-ncco.js')]);
      const format = parseFormat(opts.format);
      const currencies = opts.currency
        ?.split(',')
        .map((c) => c.trim().toLowerCase())
        .filter(Boolean);
      const { diagnostics, sources } = await lintNccoFiles(files, { cwd: io.cwd, ...(currencies?.length ? { currencies } : {}) });
      exitCode = report(io, format, diagnostics, sources);
    });

  const i18n = program.command('i18n').description('translation tools: status, export, import, add-locale');
  i18n
    .command('status')
    .description('coverage of every locale × flow: messages, missing, fallback-served, pay prompt texts')
    .argument('[dir]', 'project folder', '.')
    .option('--format <format>', 'table or json', 'table')
    .action(async (dir: string, opts: { format?: string }) => {
      const { runI18nStatus } = await import('./i18n-command.js');
      exitCode = await runI18nStatus(io, dir, opts);
    });
  i18n
    .command('export')
    .description('every text to translate, with its context, limits and placeholders, as a PO, XLIFF or CSV file')
    .argument('[dir]', 'project folder', '.')
    .option('--format <format>', 'po, xliff or csv (default: from --out)')
    .option('--locale <locale>', 'the locale to translate into (po and xliff hold one; csv: all when left out)')
    .option('--source <locale>', 'the locale to translate from (default: the first in flowc.yaml)')
    .option('--missing-only', 'only the texts the locale has no translation of')
    .option('--out <file>', 'write the file here instead of to standard output')
    .action(async (dir: string, opts) => {
      const { runI18nExport } = await import('./i18n-command.js');
      exitCode = await runI18nExport(io, dir, opts);
    });
  i18n
    .command('import')
    .description('check a translated PO, XLIFF or CSV file and write it into the catalogs and prompt sets (all or nothing)')
    .argument('<file>', 'the translated file')
    .argument('[dir]', 'project folder', '.')
    .option('--format <format>', 'po, xliff or csv (default: from the file name)')
    .option('--source <locale>', 'the locale the texts were translated from (default: the first in flowc.yaml)')
    .option('--report <format>', 'how problems are printed: pretty, json, github or sarif', 'pretty')
    .option('--dry-run', 'check everything and say what would be written, writing nothing')
    .action(async (file: string, dir: string, opts) => {
      const { runI18nImport } = await import('./i18n-command.js');
      exitCode = await runI18nImport(io, file, dir, opts);
    });
  i18n
    .command('add-locale')
    .description('prepare a new locale: its voice in flowc.yaml, an empty catalog, and the prompt sets to translate')
    .argument('<locale>', 'the new locale, e.g. fr-FR')
    .argument('[dir]', 'project folder', '.')
    .option('--language <code>', 'the Vonage text-to-speech language (default: the locale)')
    .option('--style <n>', 'the voice style (default: the first that reads SSML)')
    .option('--fallback <locale>', 'a locale that fills in what this one lacks')
    .action(async (locale: string, dir: string, opts) => {
      const { runI18nAddLocale } = await import('./i18n-command.js');
      exitCode = await runI18nAddLocale(io, locale, dir, opts);
    });

  program
    .command('schema')
    .description('print the JSON Schema of flow files (for editors)')
    .action(async () => {
      const { flowSchema } = await import('../check/schemas/flow-schema.js');
      io.stdout(JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...flowSchema }, null, 2) + '\n');
    });

  program
    .command('serve')
    .description('serve the generated router (dist/router.mjs) on localhost; secret from FLOWC_SIGNATURE_SECRET')
    .option('--dist <dir>', 'the build output folder', 'dist')
    .option('--port <n>', 'port', '3000')
    .option('--allow-unsigned', 'accept webhooks without a signature (local experiments only)')
    .action(async (opts: { dist: string; port: string; allowUnsigned?: boolean }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port must be a number from 0 to 65535 (got "${opts.port}").`);
      const secret = io.env.FLOWC_SIGNATURE_SECRET;
      if (!secret && !opts.allowUnsigned) {
        throw new UsageError('Set FLOWC_SIGNATURE_SECRET to your Vonage signature secret, or pass --allow-unsigned for local experiments.');
      }
      const [{ default: path }, { startServer }] = await Promise.all([import('node:path'), import('../router/serve.js')]);
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
      const server = await startServer({
        distDir: path.resolve(io.cwd, opts.dist),
        port,
        ...(secret ? { secret } : {}),
        ...(opts.allowUnsigned ? { allowUnsigned: true } : {}),
      });
      io.stderr(
        `flowc router listening on ${server.url} (${secret ? 'signed webhooks required' : 'UNSIGNED webhooks accepted'}). Ctrl+C stops it.\n`,
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
    .requiredOption('--body <json>', 'the exact request body')
    .option('--secret <secret>', 'signature secret (default: FLOWC_SIGNATURE_SECRET)')
    .action(async (opts: { body: string; secret?: string }) => {
      const secret = opts.secret ?? io.env.FLOWC_SIGNATURE_SECRET;
      if (!secret) throw new UsageError('Give --secret or set FLOWC_SIGNATURE_SECRET.');
      const { signWebhook } = await import('../router/sign-webhook.js');
      io.stdout(`Bearer ${signWebhook(opts.body, secret)}\n`);
    });

  try {
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
