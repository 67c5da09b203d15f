/**
 * `flowc editor-setup`: tells the editor which schema each project file has, by glob, in the workspace's
 * .vscode/settings.json (`yaml.schemas`, read by VS Code's YAML extension and yaml-language-server).
 * Globs instead of `# yaml-language-server: $schema=…` lines: they hold for files in any sub-folder, and
 * need no build, because the schemas ship in the package (schemas/).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { editorSchemaFiles, editorSchemaKinds } from '../check/schemas/editor-schemas.js';
import { packageRoot } from './package-root.js';
import { gitTopLevel, relativePrefix } from './repository-root.js';

export interface EditorSetup {
  /** The folder the editor opens: the git top level of the project, else the project folder. */
  workspace: string;
  /** schema path (relative to the workspace, forward slashes) → globs (relative to the workspace). */
  schemas: Record<string, string[]>;
  /** Schemas copied into the workspace because the flowc package is outside it. */
  copied: string[];
}

const posix = (p: string): string => p.split(path.sep).join('/');
const inside = (child: string, parent: string): boolean => {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

/** Where the schemas are, seen from the workspace: the package's own schemas/, or a copy in .vscode/flowc/. */
export function planEditorSetup(projectRoot: string, flowcRoot: string = packageRoot): EditorSetup {
  const workspace = gitTopLevel(projectRoot) ?? projectRoot;
  const prefix = relativePrefix(workspace, projectRoot);
  const shipped = path.join(flowcRoot, 'schemas');
  const local = inside(shipped, workspace);
  const schemaDir = local ? shipped : path.join(workspace, '.vscode', 'flowc');
  const schemas: Record<string, string[]> = {};
  const copied: string[] = [];
  for (const kind of editorSchemaKinds) {
    const { file, globs } = editorSchemaFiles[kind];
    const target = path.join(schemaDir, file);
    if (!local) copied.push(target);
    schemas[posix(path.relative(workspace, target))] = globs.map((g) => (prefix ? `${prefix}/${g}` : g));
  }
  return { workspace, schemas, copied };
}

export interface WrittenSetup {
  settingsFile: string;
  /** Set when settings.json could not be read as JSON: nothing was written; add `snippet` by hand. */
  snippet?: string;
}

/** Merges `yaml.schemas` into .vscode/settings.json (earlier flowc entries replaced) and recommends the YAML extension. */
export function writeEditorSetup(setup: EditorSetup, flowcRoot: string = packageRoot): WrittenSetup {
  const vscode = path.join(setup.workspace, '.vscode');
  const settingsFile = path.join(vscode, 'settings.json');
  let settings: Record<string, unknown> = {};
  if (existsSync(settingsFile)) {
    try {
      settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    } catch {
      // JSON with comments (allowed there) would lose them if rewritten: leave the file to its owner.
      return { settingsFile, snippet: JSON.stringify({ 'yaml.schemas': setup.schemas }, null, 2) };
    }
  }
  const fileNames = new Set(editorSchemaKinds.map((k) => editorSchemaFiles[k].file));
  const previous = (settings['yaml.schemas'] ?? {}) as Record<string, unknown>;
  const kept = Object.fromEntries(Object.entries(previous).filter(([schema]) => !fileNames.has(schema.replace(/^.*\//, ''))));
  settings['yaml.schemas'] = { ...kept, ...setup.schemas };
  mkdirSync(vscode, { recursive: true });
  for (const target of setup.copied) {
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(flowcRoot, 'schemas', path.basename(target)), target);
  }
  writeFileSync(settingsFile, `${JSON.stringify(settings, null, 2)}\n`);
  const extensionsFile = path.join(vscode, 'extensions.json');
  let extensions: { recommendations?: string[] } = {};
  try {
    if (existsSync(extensionsFile)) extensions = JSON.parse(readFileSync(extensionsFile, 'utf8')) as typeof extensions;
  } catch {
    return { settingsFile };
  }
  const recommendations = extensions.recommendations ?? [];
  if (!recommendations.includes('redhat.vscode-yaml')) {
    writeFileSync(
      extensionsFile,
      `${JSON.stringify({ ...extensions, recommendations: [...recommendations, 'redhat.vscode-yaml'] }, null, 2)}\n`,
    );
  }
  return { settingsFile };
}
