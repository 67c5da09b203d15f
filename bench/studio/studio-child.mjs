#!/usr/bin/env node
/**
 * One `flowc studio` for bench/studio/reload.mjs, through the API (`openStudio`) so that the benchmark can
 * run both contenders: `warm` (the default of `flowc studio`: the parse of every unchanged file kept
 * between rebuilds) and `cold` (every file parsed afresh after each save, as before).
 *
 *   node bench/studio/studio-child.mjs <project> warm|cold <build/compiler>
 *
 * Prints the page's address on a line of its own; stops on SIGINT or SIGTERM.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [project, mode, compilerDir] = process.argv.slice(2);
if (!project || (mode !== 'warm' && mode !== 'cold') || !compilerDir) {
  process.stderr.write('usage: studio-child.mjs <project> warm|cold <build/compiler>\n');
  process.exit(2);
}
const { openStudio } = await import(pathToFileURL(path.join(compilerDir, 'cli', 'studio-command.js')).href);
const server = await openStudio(project, {
  port: 0,
  host: '127.0.0.1',
  warm: mode === 'warm',
  onError: (e) => process.stderr.write(`studio: ${e instanceof Error ? e.message : String(e)}\n`),
});
process.stdout.write(`${server.url}\n`);
const stop = () => void server.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
