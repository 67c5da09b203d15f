/**
 * The simulator and the diagrams run in a browser page too (flowc studio): no module of theirs imports
 * Node's built-ins or reads process/Buffer. File and terminal I/O stay in compiler/cli.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../compiler');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

describe('the engine uses Web APIs only', () => {
  for (const stage of ['simulate', 'diagram']) {
    it(`compiler/${stage} imports nothing from Node`, () => {
      for (const file of sources(path.join(root, stage))) {
        const text = readFileSync(file, 'utf8');
        expect(text, file).not.toMatch(/from 'node:|import\('node:|require\(|\bprocess\.|\bBuffer\b/);
        // Only modules of the engine, the router runtime and pure helpers of other stages.
        for (const m of text.matchAll(/from '(\.[^']+)'/g)) expect(m[1], file).not.toMatch(/\/(cli|emit|pipeline)\//);
      }
    });
  }
});
