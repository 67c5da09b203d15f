#!/usr/bin/env node
/**
 * The floor `flowc build` is compared with: find the same YAML files, parse each with yaml's
 * parseDocument (the options flowc uses), turn it into JSON, and write as many files and bytes of
 * that JSON as the real build wrote. No checking, no templates, no NCCO lowering.
 *
 *   node bench/build/baseline.mjs --project DIR --like OUTPUT.json [--out DIR]
 *
 * OUTPUT.json lists what the real build wrote: { "files": [["ncco/a/en-US/welcome.json", 812], …] }
 * (bench/build/run.mjs writes it after the first real build). Each listed path is written with
 * exactly that many bytes: a pretty-printed JSON array of pieces of the parsed documents, padded
 * with one filler string. Without --out the files go to a fresh temp folder, which is then removed.
 * Prints one JSON line: { inputs, inputBytes, files, bytes, out }.
 */
import fg from 'fast-glob';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LineCounter, parseDocument } from 'yaml';

/** The files flowc reads (compiler/load/read-project.ts, projectGlobs, minus the ignored .yml). */
const projectGlobs = ['flowc.yaml', 'flows/**/*.yaml', 'templates/**/*.yaml'];

/** Small JSON pieces of a document: each top-level entry, or each second-level entry of a map value. */
function pieces(value, out) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    out.push(Buffer.from(JSON.stringify(value, null, 2)));
    return;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) {
      for (const [k2, v2] of Object.entries(inner)) out.push(Buffer.from(JSON.stringify({ [`${key}.${k2}`]: v2 }, null, 2)));
    } else out.push(Buffer.from(JSON.stringify({ [key]: inner }, null, 2)));
  }
}

/**
 * Exactly `size` bytes: "[" pieces joined by "," "]", the gap closed with one filler string or spaces.
 * `cursor.i` walks the pool round-robin across files, so every piece gets written.
 */
function contentOfSize(size, pool, cursor) {
  const parts = [];
  let used = 2; // [ and ]
  if (size < 2) return Buffer.alloc(size, 0x20);
  for (let tries = 0; tries < pool.length; tries++) {
    const piece = pool[cursor.i % pool.length];
    const cost = piece.length + (parts.length > 0 ? 1 : 0);
    if (used + cost > size) break;
    parts.push(piece);
    used += cost;
    cursor.i++;
  }
  const gap = size - used;
  const sep = parts.length > 0 ? 1 : 0;
  const chunks = [Buffer.from('[')];
  parts.forEach((p, k) => {
    if (k > 0) chunks.push(Buffer.from(','));
    chunks.push(p);
  });
  if (gap >= 2 + sep) {
    if (sep) chunks.push(Buffer.from(','));
    chunks.push(Buffer.from(`"${'x'.repeat(gap - 2 - sep)}"`));
    chunks.push(Buffer.from(']'));
  } else {
    chunks.push(Buffer.from(']'), Buffer.alloc(gap, 0x20));
  }
  return Buffer.concat(chunks, size);
}

function main() {
  const { values } = parseArgs({ options: { project: { type: 'string' }, like: { type: 'string' }, out: { type: 'string' } } });
  if (!values.project || !values.like) {
    process.stderr.write('usage: node bench/build/baseline.mjs --project DIR --like OUTPUT.json [--out DIR]\n');
    process.exit(2);
  }
  const root = path.resolve(values.project);
  const listing = JSON.parse(readFileSync(values.like, 'utf8'));
  const outDir = values.out ? path.resolve(values.out) : mkdtempSync(path.join(os.tmpdir(), 'flowc-baseline-'));

  // Parse: the same files, the same parser and options as compiler/load/parse-source.ts.
  const inputs = fg.sync(projectGlobs, { cwd: root, onlyFiles: true, dot: false, followSymbolicLinks: false, unique: true }).sort();
  const pool = [];
  let inputBytes = 0;
  for (const rel of inputs) {
    const bytes = readFileSync(path.join(root, rel));
    inputBytes += bytes.length;
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, merge: false });
    if (doc.errors.length > 0) throw new Error(`${rel}: ${doc.errors[0].message}`);
    pieces(doc.toJS(), pool);
  }
  if (pool.length === 0) throw new Error(`no YAML files found in ${root}`);

  // Write: the same paths, each with the same number of bytes.
  const made = new Set();
  const cursor = { i: 0 };
  let bytes = 0;
  for (const [rel, size] of listing.files) {
    const target = path.join(outDir, ...rel.split('/'));
    const dir = path.dirname(target);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    const buf = contentOfSize(size, pool, cursor);
    writeFileSync(target, buf);
    bytes += buf.length;
  }
  if (!values.out) rmSync(outDir, { recursive: true, force: true });
  process.stdout.write(
    JSON.stringify({ inputs: inputs.length, inputBytes, files: listing.files.length, bytes, out: values.out ? outDir : null }) + '\n',
  );
}

main();
