import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// writevSync made to write short at will: the kernel may, and IOV_MAX caps one call's buffers.
const short = vi.hoisted(() => ({ most: Number.POSITIVE_INFINITY, calls: [] as number[] }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    writevSync: (fd: number, buffers: readonly NodeJS.ArrayBufferView[]) => {
      short.calls.push(buffers.length);
      if (buffers.length > 1024) throw new Error('more buffers than IOV_MAX');
      const all = Buffer.concat(buffers.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength)));
      return real.writeSync(fd, all, 0, Math.min(all.length, short.most));
    },
  };
});

const { writevAll } = await import('../../compiler/emit/writev-all.js');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  short.most = Number.POSITIVE_INFINITY;
  short.calls = [];
});

function writeAll(buffers: Uint8Array[]): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'flowc-writev-'));
  dirs.push(dir);
  const file = path.join(dir, 'out');
  const fd = openSync(file, 'w');
  try {
    writevAll(fd, buffers);
  } finally {
    closeSync(fd);
  }
  return readFileSync(file);
}

/** Buffers of 0–40 bytes from a fixed seed (a third of them empty). */
function buffers(count: number, seed: number): Uint8Array[] {
  let x = seed;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x;
  };
  return Array.from({ length: count }, () => {
    const size = next() % 3 === 0 ? 0 : next() % 40;
    return Uint8Array.from({ length: size }, () => next() % 256);
  });
}

describe('writevAll', () => {
  const cases: { name: string; count: number; most: number }[] = [
    { name: 'a few buffers, written whole', count: 5, most: Number.POSITIVE_INFINITY },
    { name: 'more buffers than one writev takes', count: 2_500, most: Number.POSITIVE_INFINITY },
    { name: 'short writes inside a buffer', count: 300, most: 7 },
    { name: 'short writes with more buffers than one writev takes', count: 2_500, most: 1_000 },
    { name: 'one byte a write', count: 40, most: 1 },
  ];
  it.each(cases)('$name: the file is the buffers in order', ({ count, most }) => {
    short.most = most;
    const input = buffers(count, count + most);
    expect(writeAll(input).equals(Buffer.concat(input))).toBe(true);
    expect(Math.max(...short.calls)).toBeLessThanOrEqual(1024);
  });

  it('writes nothing, and makes no call, for no bytes', () => {
    expect(writeAll([new Uint8Array(0), new Uint8Array(0)]).length).toBe(0);
    expect(short.calls).toEqual([]);
  });
});
