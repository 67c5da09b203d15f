/**
 * What loading and schema-checking each project file produced, keyed by the file's bytes (issue 12,
 * incremental builds): a build parses only the files whose bytes changed. Kept in memory by a warm
 * compiler (`flowc build --watch`) and, given a folder, in one file there (`.flowc-cache/parse.v8`).
 *
 * A record holds everything later stages take from a file — its diagnostics, its plain data, the
 * findings of its schema check — except the YAML document, which is only needed for the line and
 * column of a finding: a file served from the record gets its document parsed from its text the first
 * time something asks for it (`doc`, `lineCounter`), the same parse as before. So the result is the one
 * a parse of every file gives, byte for byte.
 *
 * Every record is tied to the compiler that made it (its fingerprint): a new compiler starts afresh.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, renameSync, type Stats, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Document, LineCounter } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { decodeSource, type ParsedSource, parseYamlDocument } from './parse-source.js';
import type { SourceFile, SourceKind } from './source-file.js';

/** Bumped when the record format changes (the fingerprint covers code changes). */
const formatVersion = 1;

interface ParseRecord {
  /** sha256 of the file's bytes. */
  hash: string;
  kind: SourceKind;
  diagnostics: Diagnostic[];
  /** Whether the parse gave a file (a file that is not UTF-8, empty, … gives diagnostics only). */
  hasFile: boolean;
  value: unknown;
  /** The schema check's findings, once the build has checked the file. */
  checked?: Diagnostic[];
  /**
   * The file as it was read: [device, inode, size, modification ms, change ms, time read]. A file still
   * so, read long enough after its last change, holds the same bytes (see unchanged()).
   */
  stat?: StatSignature;
}

/** [dev, ino, size, mtimeMs, ctimeMs, the time the file was read (ms)]. */
export type StatSignature = [number, number, number, number, number, number];

/**
 * A change within this long before the read is not trusted to show in the file's times: file systems keep
 * times in ticks (ext4 to a few milliseconds; FAT, some network file systems, to a second or two), so a
 * write just after the read could leave the same times. Such a file is read again at the next build.
 */
export const racyMs = 2500;

export const statSignature = (stat: Stats, readAt: number): StatSignature => [
  stat.dev,
  stat.ino,
  stat.size,
  stat.mtimeMs,
  stat.ctimeMs,
  readAt,
];

/** The record a loaded file came from (or was recorded into), to add its schema findings to. */
const recordOf = new WeakMap<SourceFile, ParseRecord>();
/** A file object handed out by this cache, per record: a warm compiler keeps unchanged files' objects. */
const fileOf = new WeakMap<ParseRecord, SourceFile>();
/** The cache a record belongs to (to write it again once it gained schema findings). */
const ownerOf = new WeakMap<ParseRecord, ParseCache>();

export const hashBytes = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('base64url');

export class ParseCache {
  private records: Map<string, ParseRecord> | undefined;
  private dirty = false;
  /** Files parsed by the last build (the others were served from records). */
  parsed = 0;

  constructor(
    /** The cache folder, or undefined for memory only. */
    private readonly dir: string | undefined,
    /** The compiler's fingerprint (compiler/pipeline/flow-cache.ts): records of another compiler are not read. */
    private readonly fingerprint: string,
    /** How long before a read a change makes the file's times untrusted (tests set 0). */
    private readonly racyWithinMs = racyMs,
  ) {}

  private get file(): string {
    return path.join(this.dir!, 'parse.v8');
  }

  private load(): Map<string, ParseRecord> {
    if (this.records) return this.records;
    this.records = new Map();
    if (this.dir === undefined) return this.records;
    try {
      const stored = deserialize(readFileSync(this.file)) as { version?: number; fingerprint?: string; records?: [string, ParseRecord][] };
      // A damaged or foreign file is simply no records.
      if (stored.version === formatVersion && stored.fingerprint === this.fingerprint && Array.isArray(stored.records))
        this.records = new Map(stored.records);
      for (const record of this.records.values()) ownerOf.set(record, this);
    } catch {
      this.records = new Map();
    }
    return this.records;
  }

  /**
   * The parse of `rel` without reading it, when this cache holds the file whole (a warm compiler: its text
   * in memory) and the file at `realPath` is still the one read then — no link, the same device, inode,
   * size, modification and change times, and read at least racyMs after its last change. Else undefined:
   * the file is read (and parse() used).
   */
  unchanged(rel: string, kind: SourceKind, realPath: string): ParsedSource | undefined {
    const known = this.load().get(rel);
    const sig = known?.stat;
    if (!known || !sig || known.kind !== kind) return undefined;
    const file = known.hasFile ? fileOf.get(known) : undefined;
    if (known.hasFile && !file) return undefined;
    // The times of a file changed just before it was read may not show a change just after.
    if (racy(sig, this.racyWithinMs)) return undefined;
    let stat: Stats | undefined;
    try {
      stat = lstatSync(realPath, { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
    if (!stat?.isFile() || stat.dev !== sig[0] || stat.ino !== sig[1] || stat.size !== sig[2]) return undefined;
    if (stat.mtimeMs !== sig[3] || stat.ctimeMs !== sig[4]) return undefined;
    return file ? { file, diagnostics: known.diagnostics } : { diagnostics: known.diagnostics };
  }

  /**
   * The parse of `rel` with these bytes: from its record when the bytes are the same, else `parse()`,
   * recorded. `stat`: the file's as it was read (for unchanged() at the next build).
   */
  parse(rel: string, kind: SourceKind, bytes: Uint8Array, parse: () => ParsedSource, stat?: StatSignature): ParsedSource {
    const records = this.load();
    const hash = hashBytes(bytes);
    const known = records.get(rel);
    if (known && known.hash === hash && known.kind === kind) {
      if (stat && !knownAs(known.stat, stat, this.racyWithinMs)) {
        known.stat = stat;
        this.dirty = true;
      }
      if (!known.hasFile) return { diagnostics: known.diagnostics };
      let file = fileOf.get(known);
      if (!file) {
        const text = decodeSource(bytes);
        // Cannot happen (the record says the bytes decoded); parse afresh rather than guess.
        if (text === undefined) return this.fresh(rel, kind, hash, parse, stat);
        file = lazySourceFile(rel, kind, text, known.value);
        fileOf.set(known, file);
        recordOf.set(file, known);
      }
      return { file, diagnostics: known.diagnostics };
    }
    return this.fresh(rel, kind, hash, parse, stat);
  }

  private fresh(rel: string, kind: SourceKind, hash: string, parse: () => ParsedSource, stat?: StatSignature): ParsedSource {
    this.parsed++;
    const parsed = parse();
    const record: ParseRecord = {
      hash,
      kind,
      diagnostics: parsed.diagnostics,
      hasFile: parsed.file !== undefined,
      // A copy: the record is written after the build, and what is written must be what the parse gave.
      value: structuredClone(parsed.file?.value),
      ...(stat ? { stat } : {}),
    };
    this.records!.set(rel, record);
    ownerOf.set(record, this);
    if (parsed.file) {
      fileOf.set(record, parsed.file);
      recordOf.set(parsed.file, record);
    }
    this.dirty = true;
    return parsed;
  }

  /** Forget the files that are no longer in the project (`present`: every file this build read). */
  keepOnly(present: ReadonlySet<string>): void {
    const records = this.load();
    for (const rel of records.keys()) {
      if (!present.has(rel)) {
        records.delete(rel);
        this.dirty = true;
      }
    }
  }

  /** Write the records (when they changed) by write-and-rename; a cache that cannot be written only costs time. */
  flush(): void {
    if (this.dir === undefined || !this.dirty || !this.records) return;
    this.dirty = false;
    try {
      mkdirSync(this.dir, { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, serialize({ version: formatVersion, fingerprint: this.fingerprint, records: [...this.records] }));
      renameSync(tmp, this.file);
    } catch {
      // The next build parses again.
    }
  }

  /** Files parsed since the last call (for reports and tests). */
  takeParsedCount(): number {
    const n = this.parsed;
    this.parsed = 0;
    return n;
  }

  /** Set by rememberCheck: records gained schema findings. */
  markDirty(): void {
    this.dirty = true;
  }
}

/**
 * The recorded signature still says what `now` says: the same file and times, recorded long enough after
 * its last change (an earlier read of the same file is then as good; a racy one is replaced).
 */
const knownAs = (recorded: StatSignature | undefined, now: StatSignature, within: number): boolean =>
  recorded !== undefined && !racy(recorded, within) && recorded.every((v, i) => i === 5 || v === now[i]);

const racy = (sig: StatSignature, within: number): boolean => sig[3] > sig[5] - within || sig[4] > sig[5] - within;

/** The schema check's findings for a file from a ParseCache, when its record has them. */
export const knownCheck = (file: SourceFile): Diagnostic[] | undefined => recordOf.get(file)?.checked;

/** Records the schema check's findings with the file's parse record (if it has one); returns them. */
export function rememberCheck(file: SourceFile, found: Diagnostic[]): Diagnostic[] {
  const record = recordOf.get(file);
  if (record && record.checked === undefined) {
    record.checked = found;
    ownerOf.get(record)?.markDirty();
  }
  return found;
}

/** A SourceFile whose YAML document is parsed from its text when first asked for. */
function lazySourceFile(rel: string, kind: SourceKind, text: string, value: unknown): SourceFile {
  let parsed: { doc: Document; lineCounter: LineCounter } | undefined;
  const get = (): { doc: Document; lineCounter: LineCounter } => {
    parsed ??= parseYamlDocument(text);
    return parsed;
  };
  const file = { path: rel, kind, text, value } as SourceFile;
  Object.defineProperty(file, 'doc', { get: () => get().doc, enumerable: true, configurable: true });
  Object.defineProperty(file, 'lineCounter', { get: () => get().lineCounter, enumerable: true, configurable: true });
  return file;
}
