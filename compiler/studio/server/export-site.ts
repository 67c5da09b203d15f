/**
 * `flowc studio --export DIR`: the same page as a static site (no live rebuild): index.html, the style
 * sheet, the model as model.json, the page's modules under app/, and the project's YAML under source/
 * (the problem list links to it). Publishable on the CDN or with a pull request's preview.
 */
import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StudioModel } from '../model/studio-types.js';
import { isClientModule } from './client-files.js';
import { pageHtml, studioCss } from './page.js';

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full, base)));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

export async function exportSite(options: {
  outDir: string;
  appDir: string;
  model: StudioModel;
  sources: ReadonlyMap<string, string>;
}): Promise<number> {
  const { outDir } = options;
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'index.html'), pageHtml('static', options.model.project));
  await writeFile(path.join(outDir, 'studio.css'), studioCss);
  await writeFile(path.join(outDir, 'model.json'), JSON.stringify(options.model));
  let files = 3;
  for (const rel of await listFiles(options.appDir)) {
    if (!isClientModule(rel)) continue;
    const target = path.join(outDir, 'app', ...rel.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await cp(path.join(options.appDir, ...rel.split('/')), target);
    files += 1;
  }
  for (const [rel, text] of options.sources) {
    if (!/\.ya?ml$/.test(rel) || rel.split('/').some((s) => s === '..' || s.startsWith('.'))) continue;
    const target = path.join(outDir, 'source', ...rel.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
    files += 1;
  }
  return files;
}
