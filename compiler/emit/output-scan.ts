/**
 * The output folder's listing and each file's size and modification time, made in a worker thread while
 * the build loads and compiles (issue 12, "Rebuilds"): a `flowc build` with the cache must still look at
 * every output file (a hand edit must be found), but that is 33,000 `stat`s and 5,000 listings at 1,000
 * flows, which the main thread no longer waits for. The result is what listOutput() and a `stat` of each
 * file give, taken at the moment the scan ran — after the output folder was locked, as the listing was
 * before; the stream takes it (blocking, if it is not there yet) before it looks at any file.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

export type ScanEntry = 'file' | 'folder' | 'other';

export interface OutputScan {
  /** Every path in the folder (relative, forward slashes); links are entries, never followed. */
  existing: Map<string, ScanEntry>;
  /** Each regular file's [size, modification time in ms], as `stat` gave them during the scan. */
  stats: Map<string, [number, number]>;
}

/** Outputs with fewer recorded files are scanned on the main thread (a worker costs more than it saves). Tests set 0. */
export const scanSettings = { workerFrom: 2000, timeoutMs: 30_000 };
/** Workers started (for tests). */
export const scanStats = { workers: 0 };

/** Plain JavaScript run by the worker (eval: no module file to find, from the build or from the sources). */
const workerCode = `
const { readdirSync, statSync } = require('node:fs');
const path = require('node:path');
const { workerData } = require('node:worker_threads');
const { target, port, flag } = workerData;
let message;
try {
  const paths = [];
  const kinds = [];
  const sizes = [];
  const pending = [''];
  while (pending.length > 0) {
    const rel = pending.pop();
    let entries;
    try {
      entries = readdirSync(rel === '' ? target : path.join(target, ...rel.split('/')), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const child = rel === '' ? e.name : rel + '/' + e.name;
      paths.push(child);
      if (e.isDirectory()) {
        kinds.push(1);
        sizes.push(NaN, NaN);
        pending.push(child);
      } else if (e.isFile()) {
        kinds.push(0);
        let s;
        try {
          s = statSync(target + path.sep + (path.sep === '/' ? child : child.split('/').join(path.sep)), { throwIfNoEntry: false });
        } catch {
          s = undefined;
        }
        if (s && s.isFile()) sizes.push(s.size, s.mtimeMs);
        else sizes.push(NaN, NaN);
      } else {
        kinds.push(2);
        sizes.push(NaN, NaN);
      }
    }
  }
  const stats = Float64Array.from(sizes);
  message = { paths, kinds: Uint8Array.from(kinds), stats };
  port.postMessage(message, [message.kinds.buffer, stats.buffer]);
} catch (err) {
  port.postMessage({ error: String(err) });
}
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);
`;

/** A scan running in a worker; take() waits for it (undefined if it failed: the caller scans itself). */
export interface PendingScan {
  take(): OutputScan | undefined;
}

export function startScan(target: string): PendingScan | undefined {
  let worker: Worker;
  let port: MessagePort;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  try {
    const channel = new MessageChannel();
    port = channel.port1;
    worker = new Worker(workerCode, {
      eval: true,
      workerData: { target, port: channel.port2, flag },
      transferList: [channel.port2],
    });
    scanStats.workers++;
    // The process does not wait for it (a build that fails early never takes the scan).
    worker.unref();
    worker.on('error', () => {});
  } catch {
    return undefined;
  }
  let done = false;
  return {
    take(): OutputScan | undefined {
      if (done) return undefined;
      done = true;
      // Blocks this thread until the worker has posted (the stream cannot go on without the listing).
      if (Atomics.wait(flag, 0, 0, scanSettings.timeoutMs) === 'timed-out' && Atomics.load(flag, 0) === 0) {
        void worker.terminate();
        port.close();
        return undefined;
      }
      const received = receiveMessageOnPort(port)?.message as
        | { paths: string[]; kinds: Uint8Array; stats: Float64Array }
        | { error: string }
        | undefined;
      port.close();
      if (!received || 'error' in received) return undefined;
      const existing = new Map<string, ScanEntry>();
      const stats = new Map<string, [number, number]>();
      const { paths, kinds, stats: numbers } = received;
      for (let i = 0; i < paths.length; i++) {
        const rel = paths[i]!;
        const kind = kinds[i];
        existing.set(rel, kind === 0 ? 'file' : kind === 1 ? 'folder' : 'other');
        const size = numbers[2 * i]!;
        if (kind === 0 && !Number.isNaN(size)) stats.set(rel, [size, numbers[2 * i + 1]!]);
      }
      return { existing, stats };
    },
  };
}
