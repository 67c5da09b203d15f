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
import { closeSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, type Stats } from 'node:fs';
import { writevAll } from '../emit/writev-all.js';
import { sha256 } from '../sha256.js';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Document, LineCounter } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { editedStarts, type LastParse, sectionStarts } from './edit-parse.js';
import { decodeSource, type ParsedSource, parseYamlDocument } from './parse-source.js';
import type { ProjectFiles } from './find-project-files.js';
import type { SourceFile, SourceKind } from './source-file.js';

/**
 * Bumped when the record format changes (the fingerprint covers code changes). Version 2: a header and each
 * record serialized on its own (see flush()), so that a build writes again only the records that changed.
 * Version 3: a record holds its file's text, so that a new process knows a file again by its stat alone.
 * Version 4: a record holds its file's data serialized on its own, as JSON where JSON gives it back (valueJson).
 */
const formatVersion = 4;

interface ParseRecord {
  /** sha256 of the file's bytes. */
  hash: string;
  kind: SourceKind;
  diagnostics: Diagnostic[];
  /** Whether the parse gave a file (a file that is not UTF-8, empty, … gives diagnostics only). */
  hasFile: boolean;
  /**
   * The file's plain data as JSON, serialized on its own (made into objects by recordValue): JSON.parse makes the
   * 1,000 flows of the benchmark project in about half the time v8.deserialize takes.
   */
  valueJson?: string;
  /** The same, v8-serialized, for data JSON would not give back exactly (jsonKeeps): ±Infinity, NaN, -0. */
  valueBytes?: Uint8Array;
  /**
   * With hasFile: the file's text as parsed (the bytes of `hash`, decoded), so that a file known again by its
   * stat is served whole without being read (unchanged()), in a new process as in a warm compiler.
   */
  text?: string;
  /** The schema check's findings, once the build has checked the file. */
  checked?: Diagnostic[];
  /**
   * The file as it was read: [device, inode, size, modification ms, change ms, time read]. A file still
   * so, read long enough after its last change, holds the same bytes (see unchanged()).
   */
  stat?: StatSignature;
  /**
   * A clean catalog's offsets of its top-level keys (its text is `text`): an edit of it is parsed in one
   * section (edit-parse.ts), by a watch or by the next `flowc build`.
   */
  sections?: { starts: readonly number[] };
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

/**
 * A file's record, and its bytes as last read from or written to the cache file while the record is
 * unchanged since: those are written again as they are, and the record is deserialized only when asked for.
 */
interface Slot {
  record?: ParseRecord;
  bytes?: Uint8Array;
}

/** Each record's slot in its cache. */
const slotOf = new WeakMap<ParseRecord, Slot>();

/** The data of each record that has been asked for, deserialized once. */
const valueOfRecord = new WeakMap<ParseRecord, unknown>();

/**
 * A record's plain data (the same objects at every call), made from its JSON or bytes when first asked for: at once
 * for a record read from the cache file (recordOf: damaged data is no record), when needed for one made by this
 * process (its file object has the parse's own data).
 */
function recordValue(record: ParseRecord): unknown {
  if (!valueOfRecord.has(record)) {
    const { valueJson, valueBytes } = record;
    valueOfRecord.set(
      record,
      valueJson !== undefined ? JSON.parse(valueJson) : valueBytes !== undefined ? deserialize(valueBytes) : undefined,
    );
  }
  return valueOfRecord.get(record);
}

/**
 * Whether JSON gives `value` back exactly: strings, booleans, null, finite numbers but -0, arrays and plain
 * objects of such (a YAML file's data: a key `__proto__` is an own property either way). Else v8's serialization.
 */
export function jsonKeeps(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!(i in value) || !jsonKeeps(value[i])) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      for (const key in value) if (!jsonKeeps((value as Record<string, unknown>)[key])) return false;
      return true;
    }
    default:
      return false;
  }
}

/** The record's fields for a file's data: JSON when it gives the data back exactly, else v8's bytes. */
const storedValue = (value: unknown): Pick<ParseRecord, 'valueJson' | 'valueBytes'> =>
  value === undefined ? {} : jsonKeeps(value) ? { valueJson: JSON.stringify(value) } : { valueBytes: serialize(value) };

/** The file: a 4-byte length, the header's JSON, then each record's bytes in the header's order. */
interface StoredHeader {
  version: number;
  fingerprint: string;
  files: [rel: string, length: number][];
}

export const hashBytes = (bytes: Uint8Array): string => sha256(bytes, 'base64url');

export class ParseCache {
  private slots: Map<string, Slot> | undefined;
  private dirty = false;
  /** Files parsed by the last build (the others were served from records). */
  parsed = 0;
  /**
   * What the last load of a warm compiler found in the project folder: a watched load whose events named
   * only files of this listing takes it again instead of listing the folders (read-project.ts).
   */
  listing?: { root: string; found: ProjectFiles };

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

  private load(): Map<string, Slot> {
    if (this.slots) return this.slots;
    this.slots = new Map();
    if (this.dir === undefined) return this.slots;
    try {
      const data = readFileSync(this.file);
      const headerLength = data.length >= 4 ? data.readUInt32LE(0) : Number.POSITIVE_INFINITY;
      if (headerLength > data.length - 4) return this.slots;
      const header = JSON.parse(data.toString('utf8', 4, 4 + headerLength)) as Partial<StoredHeader>;
      // A damaged or foreign file is simply no records.
      if (header.version !== formatVersion || header.fingerprint !== this.fingerprint || !Array.isArray(header.files)) return this.slots;
      let at = 4 + headerLength;
      const slots = new Map<string, Slot>();
      for (const [rel, length] of header.files) {
        if (typeof rel !== 'string' || !Number.isInteger(length) || length < 0 || at + length > data.length) return this.slots;
        slots.set(rel, { bytes: data.subarray(at, at + length) });
        at += length;
      }
      if (at === data.length) this.slots = slots;
    } catch {
      this.slots = new Map();
    }
    return this.slots;
  }

  /** The record of `rel`, deserialized from its bytes when first asked for (a damaged one is no record). */
  private recordOf(rel: string): ParseRecord | undefined {
    const slot = this.load().get(rel);
    if (!slot) return undefined;
    if (!slot.record && slot.bytes) {
      try {
        const record = deserialize(slot.bytes) as ParseRecord;
        if (typeof record?.hash !== 'string') throw new Error('not a record');
        // Its data made now, where damaged bytes are no record (every build reads every file's data anyway).
        recordValue(record);
        slot.record = record;
        slotOf.set(record, slot);
        ownerOf.set(record, this);
      } catch {
        this.slots!.delete(rel);
        this.dirty = true;
        return undefined;
      }
    }
    return slot.record;
  }

  /** A record changed after it was read or written: its bytes are made again at the next flush. */
  changed(record: ParseRecord): void {
    this.dirty = true;
    const slot = slotOf.get(record);
    if (slot) slot.bytes = undefined;
  }

  /**
   * The parse of `rel` without reading it, when the file at `realPath` is still the one its record was made
   * from — no link, the same device, inode, size, modification and change times, and read at least racyMs
   * after its last change — in a warm compiler (its file object kept) or a new process (the file made from
   * the record's text and data, as parse() makes it from the same bytes). Else undefined: the file is read
   * (and parse() used).
   */
  unchanged(rel: string, kind: SourceKind, realPath: string): ParsedSource | undefined {
    const known = this.recordOf(rel);
    const sig = known?.stat;
    if (!known || !sig || known.kind !== kind) return undefined;
    if (known.hasFile && !fileOf.has(known) && typeof known.text !== 'string') return undefined;
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
    if (!known.hasFile) return { diagnostics: known.diagnostics };
    return { file: this.fileFrom(rel, known, known.text!), diagnostics: known.diagnostics };
  }

  /** The record's file object: the one handed out before, else one made from `text` (the record's bytes, decoded). */
  private fileFrom(rel: string, known: ParseRecord, text: string): SourceFile {
    let file = fileOf.get(known);
    if (!file) {
      file = lazySourceFile(rel, known.kind, text, recordValue(known));
      fileOf.set(known, file);
      recordOf.set(file, known);
    }
    return file;
  }

  /**
   * The parse of `rel` as this cache holds it whole (a file read or known again by its stat in this process),
   * without a look at the file: for a watched load, when no event named it since the last load (else undefined).
   */
  kept(rel: string, kind: SourceKind): ParsedSource | undefined {
    const known = this.recordOf(rel);
    if (!known?.stat || known.kind !== kind) return undefined;
    const file = known.hasFile ? fileOf.get(known) : undefined;
    if (known.hasFile && !file) return undefined;
    return file ? { file, diagnostics: known.diagnostics } : { diagnostics: known.diagnostics };
  }

  /**
   * Whether each file of the last listing is still as it was when last read or known again: the same
   * device, inode, size, modification and change times (a watch's check after a build that trusted its
   * events: a change an event did not name shows here). A file without such a record (one that could not be
   * read) is read at every build, so it is as recorded here.
   */
  asRecorded(rel: string, realPath: string): boolean {
    const sig = this.recordOf(rel)?.stat;
    if (!sig) return true;
    let stat: Stats | undefined;
    try {
      stat = lstatSync(realPath, { throwIfNoEntry: false });
    } catch {
      return false;
    }
    return (
      stat?.isFile() === true &&
      stat.dev === sig[0] &&
      stat.ino === sig[1] &&
      stat.size === sig[2] &&
      stat.mtimeMs === sig[3] &&
      stat.ctimeMs === sig[4]
    );
  }

  /**
   * The parse of `rel` with these bytes: from its record when the bytes are the same, else `parse()`,
   * recorded. `stat`: the file's as it was read (for unchanged() at the next build). `parse` is given the
   * last clean parse of a catalog (its text, data and sections' offsets), to parse an edit of it.
   */
  parse(rel: string, kind: SourceKind, bytes: Uint8Array, parse: (last?: LastParse) => ParsedSource, stat?: StatSignature): ParsedSource {
    const hash = hashBytes(bytes);
    const known = this.recordOf(rel);
    if (known && known.hash === hash && known.kind === kind) {
      if (stat && !knownAs(known.stat, stat, this.racyWithinMs)) {
        known.stat = stat;
        this.changed(known);
      }
      if (!known.hasFile) return { diagnostics: known.diagnostics };
      const text = fileOf.has(known) ? '' : (known.text ?? decodeSource(bytes));
      // Cannot happen (the record says the bytes decoded); parse afresh rather than guess.
      if (text === undefined) return this.fresh(rel, kind, hash, parse, stat);
      return { file: this.fileFrom(rel, known, text), diagnostics: known.diagnostics };
    }
    const sections = known && known.kind === kind ? known.sections : undefined;
    const lastValue = sections && typeof known!.text === 'string' ? recordValue(known!) : undefined;
    const last =
      typeof lastValue === 'object' && lastValue !== null
        ? { text: known!.text!, starts: sections!.starts, value: lastValue as Record<string, unknown> }
        : undefined;
    return this.fresh(rel, kind, hash, () => parse(last), stat);
  }

  private fresh(rel: string, kind: SourceKind, hash: string, parse: () => ParsedSource, stat?: StatSignature): ParsedSource {
    this.parsed++;
    const parsed = parse();
    const record: ParseRecord = {
      hash,
      kind,
      diagnostics: parsed.diagnostics,
      hasFile: parsed.file !== undefined,
      // Serialized now: the record is written after the build, and what is written must be what the parse gave.
      ...storedValue(parsed.file?.value),
      ...(parsed.file ? { text: parsed.file.text } : {}),
      ...(stat ? { stat } : {}),
    };
    const slot: Slot = { record };
    this.load().set(rel, slot);
    slotOf.set(record, slot);
    ownerOf.set(record, this);
    if (parsed.file) {
      fileOf.set(record, parsed.file);
      recordOf.set(parsed.file, record);
      if (kind === 'messages' && parsed.diagnostics.length === 0) {
        const starts = editedStarts(parsed.file) ?? sectionStarts(parsed.file);
        if (starts) record.sections = { starts };
      }
    }
    this.dirty = true;
    return parsed;
  }

  /** Forget the files that are no longer in the project (`present`: every file this build read). */
  keepOnly(present: ReadonlySet<string>): void {
    const slots = this.load();
    for (const rel of slots.keys()) {
      if (!present.has(rel)) {
        slots.delete(rel);
        this.dirty = true;
      }
    }
  }

  /**
   * Write the records (when they changed) by write-and-rename; a cache that cannot be written only costs time.
   * A record unchanged since it was read or last written is written from its bytes, not serialized again:
   * after a one-message edit, one catalog's record of the project's 1,018 (docs/performance.md, "Rebuilds").
   */
  flush(): void {
    if (this.dir === undefined || !this.dirty || !this.slots) return;
    this.dirty = false;
    try {
      mkdirSync(this.dir, { recursive: true });
      const files: [string, number][] = [];
      const parts: Uint8Array[] = [];
      for (const [rel, slot] of this.slots) {
        slot.bytes ??= serialize(slot.record);
        files.push([rel, slot.bytes.length]);
        parts.push(slot.bytes);
      }
      const header = Buffer.from(JSON.stringify({ version: formatVersion, fingerprint: this.fingerprint, files } satisfies StoredHeader));
      const length = Buffer.alloc(4);
      length.writeUInt32LE(header.length, 0);
      const tmp = `${this.file}.${process.pid}.tmp`;
      const fd = openSync(tmp, 'w');
      try {
        writevAll(fd, [length, header, ...parts]);
      } finally {
        closeSync(fd);
      }
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
    ownerOf.get(record)?.changed(record);
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
