// tsc in a child process for the router tests: `node type-errors.mjs <options.json> <file>...` prints
// the diagnostics as a JSON list of "<file name>: <message>". A child, so that the test worker's event
// loop stays free while tsc works (a long synchronous compile starves vitest's own messages).
import path from 'node:path';
import ts from 'typescript';

const [optionsJson, ...files] = process.argv.slice(2);
const options = JSON.parse(optionsJson);
const diagnostics = ts
  .getPreEmitDiagnostics(ts.createProgram(files, options))
  .map((d) => `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
process.stdout.write(JSON.stringify(diagnostics));
