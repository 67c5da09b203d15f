/**
 * `npm run generate:validators`: writes the validators compiled ahead of time from their schemas,
 * compiler/validate/compiled-validators.generated.ts (the NCCO actions) and
 * compiler/check/compiled-documents.generated.ts (the authoring formats).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { standaloneDocumentsSource } from '../check/standalone-documents.js';
import { standaloneValidatorsSource } from './standalone-validators.js';

// Run from build/compiler/validate: the files are written into the source tree, two folders up.
const here = path.dirname(fileURLToPath(import.meta.url));
for (const [file, source] of [
  ['compiler/validate/compiled-validators.generated.ts', standaloneValidatorsSource],
  ['compiler/check/compiled-documents.generated.ts', standaloneDocumentsSource],
] as const) {
  const target = path.resolve(here, '../../..', file);
  writeFileSync(target, source());
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
}
