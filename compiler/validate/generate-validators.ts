/** `npm run generate:validators`: writes compiler/validate/compiled-validators.generated.ts from the action schemas. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { standaloneValidatorsSource } from './standalone-validators.js';

// Run from build/compiler/validate: the file is written into the source tree, two folders up.
const here = path.dirname(fileURLToPath(import.meta.url));
const target = path.resolve(here, '../../../compiler/validate/compiled-validators.generated.ts');
writeFileSync(target, standaloneValidatorsSource());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
