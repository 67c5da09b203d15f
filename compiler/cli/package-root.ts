/** The folder of the running flowc package (it holds package.json, schemas/ and docs/). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageRoot: string = (() => {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        if ((JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'flowc') return dir;
      } catch {
        // not ours: keep looking
      }
    }
    if (path.dirname(dir) === dir) throw new Error('flowc cannot find its own package folder');
  }
})();
