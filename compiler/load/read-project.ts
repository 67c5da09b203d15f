/**
 * The I/O edge of the load stage: find the project's YAML files (sorted) and read their bytes — every
 * read through readFileInside(), so nothing outside the project is ever read or shown (issue 10 #3).
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { type CheckedRead, type ReadRefusal, readFileInside, readRealFileInside } from './checked-read.js';
import { findProjectFiles, outsideProject, type ProjectFiles } from './find-project-files.js';
import { type ParseCache, statSignature } from './parse-cache.js';
import { parseEdited } from './edit-parse.js';
import { fileTooLarge, maxFileBytes, parseSource } from './parse-source.js';
import { releaseDocument } from './release-document.js';
import { classifyPath, isScenarioPath, type SourceFile } from './source-file.js';

export interface LoadedProject {
  root: string;
  files: SourceFile[];
  diagnostics: Diagnostic[];
  /** path → text, for code frames. Only files read from inside the project are here. */
  sources: Map<string, string>;
}

/** What a .yml file would hold as .yaml that flows use: then they cannot be built without it. */
const usedByFlows: Partial<Record<NonNullable<ReturnType<typeof classifyPath>>, string>> = {
  messages: 'messages',
  template: 'template',
  'pay-set': 'pay prompts',
};

/**
 * A .yml file is not read. One that would be a catalog, template or pay prompt set (and has no .yaml twin) is an
 * error: the build would lack what flows use from it, and its error stands for those (as a broken catalog's does).
 */
export function ymlFinding(rel: string, files: readonly string[]): Diagnostic {
  const twin = rel.replace(/\.yml$/, '.yaml');
  const kind = classifyPath(twin);
  const holds = kind === undefined || files.includes(twin) ? undefined : usedByFlows[kind];
  return {
    code: 'load/yml-extension',
    severity: holds ? 'error' : 'warning',
    message: holds
      ? `flowc reads .yaml files; this .yml file is ignored, so the flows cannot use its ${holds}.`
      : 'flowc reads .yaml files; this .yml file is ignored.',
    file: rel,
    hint: `Rename it to ${twin}.`,
  };
}

const describeRefusal = (refusal: ReadRefusal): string => {
  if (refusal.kind === 'not-a-file')
    return refusal.isDirectory ? 'This is a folder, not a file.' : 'This is not a regular file (a pipe or a device?).';
  if (refusal.kind !== 'error') return '';
  const code = refusal.code;
  if (code === 'EACCES' || code === 'EPERM') return 'flowc has no permission to read this file.';
  if (code === 'EISDIR') return 'This is a folder, not a file.';
  if (code === 'ENOENT') return 'This is a link to a file that does not exist.';
  if (code === 'ELOOP') return 'This is a link that points to itself in a loop.';
  return `This file could not be read (${code}).`;
};

/** How to fix what describeRefusal() says: a permission, a link, or something that is no file. */
const refusalHint = (refusal: ReadRefusal): string => {
  const code = refusal.kind === 'error' ? refusal.code : undefined;
  if (code === 'ENOENT' || code === 'ELOOP') return 'Point the link at an existing file (ls -l shows where it points), or delete it.';
  if (refusal.kind === 'not-a-file' || code === 'EISDIR')
    return 'Give it another name (only files are read: flows/*.flow.yaml, catalogs, prompt sets, templates/*.yaml), or delete it.';
  return 'Check the file permissions (it must be readable by the user running flowc).';
};

/**
 * Reads a project file: by the real path the listing found (no path to resolve again) when it has one;
 * through its project path, every link checked, when it is a link or was swapped for one since.
 */
function readSource(realRoot: string, root: string, rel: string, realPath: string | undefined): CheckedRead & { readAt: number } {
  const readAt = Date.now();
  if (realPath !== undefined) {
    const read = readRealFileInside(realRoot, realPath, maxFileBytes);
    if (!('refused' in read) || read.refused.kind !== 'error' || read.refused.code !== 'ELOOP') return { ...read, readAt };
  }
  return { ...readFileInside(realRoot, path.join(root, ...rel.split('/')), maxFileBytes), readAt };
}

/**
 * What a watch of the project's folders vouches for when a load starts (`flowc build --watch`): the project
 * paths its events named since the last load began; every other file is as that load left it. Taken by
 * loadProject() before it looks at anything; undefined when the watch cannot vouch (its first build, a
 * watcher that failed or was opened anew, too many events).
 */
export type TakeSourceChanges = () => { named: ReadonlySet<string> } | undefined;

/** Parses kept between builds by a warm compiler (`flowc build --watch`): a file whose bytes are the same is not parsed again. */
export type ParseMemo = Map<string, { bytes: Buffer; parsed: ReturnType<typeof parseSource> }>;

/**
 * `memo`: a warm compiler's parses, kept whole; `parseCache`: parse records by content (memory and/or
 * `.flowc-cache/`), whose files parse their YAML document only when a position is asked for; `changes`: a
 * watch's events (see TakeSourceChanges), so that files no event named are taken from `parseCache` unseen.
 */
export async function loadProject(
  root: string,
  memo?: ParseMemo,
  parseCache?: ParseCache,
  changes?: TakeSourceChanges,
): Promise<LoadedProject> {
  const named = changes?.()?.named;
  // The last listing holds when every named path is one of its files, still a file (anything else — a
  // file made, removed or renamed, a folder — lists the folders and looks at every file, as without a watch).
  const last = parseCache?.listing;
  const vouched = named && last?.root === root && [...named].every((rel) => isListedFile(last.found, rel)) ? named : undefined;
  const found = vouched ? last!.found : findProjectFiles(root);
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [...found.diagnostics];
  const sources = new Map<string, string>();
  for (const rel of found.files) {
    if (rel.endsWith('.yml')) {
      diagnostics.push(ymlFinding(rel, found.files));
      continue;
    }
    // Call scenarios are flowc test's, not the build's.
    if (isScenarioPath(rel)) continue;
    const kind = classifyPath(rel);
    if (!kind) {
      diagnostics.push({
        code: 'load/unknown-file',
        severity: 'warning',
        message: 'flowc does not know what this file is, so it is ignored.',
        file: rel,
        hint: 'Flows end in .flow.yaml; catalogs live in flows/messages/<locale>.yaml; pay prompt sets in flows/pay/<set>.<locale>.yaml.',
      });
      continue;
    }
    const realPath = found.realPaths.get(rel);
    // A warm compiler knows a file it read before by the watch's silence, or by its stat: it is neither read
    // nor hashed again.
    const kept =
      realPath !== undefined && !memo
        ? ((vouched && !vouched.has(rel) ? parseCache?.kept(rel, kind) : undefined) ?? parseCache?.unchanged(rel, kind, realPath))
        : undefined;
    let parsed: ReturnType<typeof parseSource>;
    if (kept) parsed = kept;
    else {
      const read = readSource(found.realRoot, root, rel, realPath);
      if ('refused' in read) {
        const refusal = read.refused;
        if (refusal.kind === 'outside') diagnostics.push(outsideProject(rel, 'file', refusal.realPath));
        else if (refusal.kind === 'too-large') diagnostics.push(fileTooLarge(rel, refusal.bytes));
        else {
          diagnostics.push({
            code: 'load/unreadable',
            severity: 'error',
            message: describeRefusal(refusal),
            file: rel,
            hint: refusalHint(refusal),
          });
        }
        continue;
      }
      const known = memo?.get(rel);
      parsed = known?.bytes.equals(read.bytes)
        ? known.parsed
        : parseCache
          ? parseCache.parse(
              rel,
              kind,
              read.bytes,
              // A catalog edited in one section is parsed there only (edit-parse.ts).
              (last) => (last && parseEdited(rel, kind, read.bytes, last)) || parseSource(rel, kind, read.bytes),
              statSignature(read.stat, read.readAt),
            )
          : parseSource(rel, kind, read.bytes);
      if (memo && parsed !== known?.parsed) memo.set(rel, { bytes: read.bytes, parsed });
    }
    diagnostics.push(...parsed.diagnostics);
    if (parsed.file) {
      // A flow's YAML document is most of what it holds (about 60 KB a flow) and is needed only for the
      // position of a finding: it is let go now and parsed again from the text if one is asked for, so
      // that the documents of all flows are never alive at once (issue 12, "Memory that stays flat").
      // A warm compiler (memo) keeps its parses whole.
      if (!memo && kind === 'flow') releaseDocument(parsed.file);
      files.push(parsed.file);
      sources.set(rel, parsed.file.text);
    }
  }
  parseCache?.keepOnly(new Set(found.files));
  if (parseCache) parseCache.listing = { root, found };
  if (memo) {
    const listed = new Set(found.files);
    for (const rel of memo.keys()) if (!listed.has(rel)) memo.delete(rel);
  }
  return { root, files, diagnostics, sources };
}

/** `rel` is a file of the listing that is no link, and is still a file. */
function isListedFile(found: ProjectFiles, rel: string): boolean {
  const realPath = found.realPaths.get(rel);
  if (realPath === undefined) return false;
  try {
    return lstatSync(realPath, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

/**
 * Whether the project folder is still as the last load of this warm compiler found it: the same listing,
 * and each file that is no link with the device, inode, size and times it was last read or known with. A
 * watch checks this after a build that trusted its events: a change no event named starts another build.
 */
export function sourcesAsLoaded(root: string, parseCache: ParseCache): boolean {
  const last = parseCache.listing;
  if (!last || last.root !== root) return false;
  const now = findProjectFiles(root);
  if (now.files.length !== last.found.files.length || now.files.some((rel, i) => rel !== last.found.files[i])) return false;
  if (now.diagnostics.length !== last.found.diagnostics.length || now.realPaths.size !== last.found.realPaths.size) return false;
  for (const [rel, realPath] of now.realPaths) {
    if (last.found.realPaths.get(rel) !== realPath) return false;
    if (classifyPath(rel) && !isScenarioPath(rel) && !rel.endsWith('.yml') && !parseCache.asRecorded(rel, realPath)) return false;
  }
  return true;
}
