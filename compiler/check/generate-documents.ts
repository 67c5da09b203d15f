/** Part of `npm run generate:validators`: writes compiler/check/compiled-documents.generated.ts from the document schemas. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { standaloneDocumentsSource } from './standalone-documents.js';

// Run from build/compiler/check: the file is written into the source tree, two folders up.
const here = path.dirname(fileURLToPath(import.meta.url));
const target = path.resolve(here, '../../../compiler/check/compiled-documents.generated.ts');
writeFileSync(target, standaloneDocumentsSource());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
