/**
 * A first build's files written on a worker thread (issue 12, full-build speed): at 1,000 flows a first
 * build writes 33,055 files into its staged tree, and each `writeFileSync` (open, write, close) and each
 * new folder's `mkdir` held the main thread for as long as the file system took — about as long as all the
 * compile work. Here the main thread only copies each file's bytes into a batch, and the worker makes the
 * folders and writes the files on the second core while the main thread compiles the next flows.
 *
 * Nothing about the output's guarantees changes: the worker writes only inside the stage, and the stream
 * waits for it (drain()) before anything is put in place. A write that fails (a full disk, a folder not
 * writable) stops the worker, and the error — with its errno code and path, as `writeFileSync` would have
 * thrown it — reaches the main thread at its next write or at drain(). A worker that stops making progress
 * for `patienceMs` is given up with an error: the build fails, the previous output is left as it was.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, SHARE_ENV, Worker } from 'node:worker_threads';

/**
 * The slots of the shared state (the worker's code, run from its text, uses the numbers themselves): the
 * batches written (bumped by the worker, and once more when it ends), its end, and the main thread's request
 * to write nothing more.
 */
const writtenSlot = 0;
const endSlot = 1;
const stopSlot = 2;
/** endSlot's values: running, then 1 (done), 2 (failed: its error posted) or 3 (stopped). */
const running = 0;
const failed = 2;

/**
 * One batch, two transferred buffers (no string is cloned): for each file its path under the root (UTF-8)
 * then its bytes, one after the other in `bytes`; `marks` holds, per file, where its path ends and where its
 * bytes end.
 */
interface Batch {
  bytes: Uint8Array;
  marks: Uint32Array;
}

/** What the worker posts when a write failed: what an fs error carries. */
interface Failure {
  message: string;
  code?: string;
  errno?: number;
  syscall?: string;
  path?: string;
}

interface WriterInput {
  /** The folder the files go in, ending in a separator. */
  root: string;
  port: MessagePort;
  state: Int32Array;
}

/**
 * The worker's code, run from its source text (no file of its own beside the bundled `flowc` command or
 * the tests' TypeScript): no closures over this module, only node:fs, node:path and node:worker_threads.
 * Each batch's files are written in order; each new folder is made first (recursive: the tree's parents).
 */
function writeStagedFiles(
  fs: typeof import('node:fs'),
  pathModule: typeof import('node:path'),
  threads: typeof import('node:worker_threads'),
): void {
  const { root, port, state } = threads.workerData as WriterInput;
  const made = new Set<string>();
  let over = false;
  const end = (value: number): void => {
    over = true;
    Atomics.store(state, 1, value);
    // The progress slot moves too, so that a main thread about to wait on it is not left waiting.
    Atomics.add(state, 0, 1);
    Atomics.notify(state, 0);
    port.close();
  };
  port.on('message', (message: { batch?: Batch; done?: true }) => {
    if (over) return;
    if (Atomics.load(state, 2) !== 0) return end(3);
    if (message.done) return end(1);
    const { bytes, marks } = message.batch!;
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    let at = 0;
    try {
      for (let i = 0; i < marks.length; i += 2) {
        if (Atomics.load(state, 2) !== 0) return end(3);
        const pathEnd = marks[i]!;
        const file = root + text.toString('utf8', at, pathEnd);
        const folder = pathModule.dirname(file);
        if (!made.has(folder)) {
          fs.mkdirSync(folder, { recursive: true });
          made.add(folder);
        }
        at = marks[i + 1]!;
        fs.writeFileSync(file, bytes.subarray(pathEnd, at));
      }
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const failure: Failure = { message: String(e?.message ?? err) };
      if (typeof e?.code === 'string') failure.code = e.code;
      if (typeof e?.errno === 'number') failure.errno = e.errno;
      if (typeof e?.syscall === 'string') failure.syscall = e.syscall;
      if (typeof e?.path === 'string') failure.path = e.path;
      port.postMessage({ failure });
      return end(2);
    }
    Atomics.add(state, 0, 1);
    Atomics.notify(state, 0);
  });
}

export interface WriteBehindOptions {
  /** Tests: the worker's source text instead of writeStagedFiles's. */
  code?: string;
  /** How long the worker may go without writing a batch before it is given up (ms). */
  patienceMs?: number;
  /** A batch is posted once it holds this many bytes (tests: small, to make many batches). */
  batchBytes?: number;
  /** The main thread waits while this many batches are posted and not yet written (memory stays bounded). */
  maxInFlight?: number;
}

export interface WriteBehind {
  /** Queues a file (its path under the root, and its text or pieces); throws the worker's error if a write failed. */
  write(rel: string, content: string | readonly Uint8Array[]): void;
  /** Waits until every queued file is written, then stops the worker; throws the worker's error if a write failed. */
  drain(): void;
  /** The build is thrown away: the worker writes nothing more, and has stopped when this returns. */
  stop(): void;
}

/** The error a failed write gave, made again on this thread (code, errno, syscall and path kept). */
function errorOf(failure: Failure | undefined): Error {
  if (failure === undefined) return new Error('flowc: the output writer failed');
  const err = new Error(failure.message) as NodeJS.ErrnoException;
  if (failure.code !== undefined) err.code = failure.code;
  if (failure.errno !== undefined) err.errno = failure.errno;
  if (failure.syscall !== undefined) err.syscall = failure.syscall;
  if (failure.path !== undefined) err.path = failure.path;
  return err;
}

/**
 * Starts the writer of files under `root` (a folder path ending in a separator; its folders are made as
 * needed); undefined if the worker cannot be started (the caller then writes the files itself).
 */
export function startWriteBehind(root: string, options: WriteBehindOptions = {}): WriteBehind | undefined {
  const state = new Int32Array(new SharedArrayBuffer(12));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(
      options.code ?? `(${writeStagedFiles.toString()})(require('node:fs'), require('node:path'), require('node:worker_threads'))`,
      { eval: true, workerData: { root, port: port2, state } satisfies WriterInput, transferList: [port2], env: SHARE_ENV },
    );
  } catch {
    port1.close();
    return undefined;
  }
  // It never keeps the process alive: a process that exits leaves a stage, which the next build removes.
  worker.unref();
  worker.on('error', () => {
    Atomics.compareExchange(state, endSlot, running, failed);
    Atomics.notify(state, writtenSlot);
  });
  const patienceMs = options.patienceMs ?? 60_000;
  const batchBytes = options.batchBytes ?? 256 * 1024;
  const maxInFlight = options.maxInFlight ?? 32;
  const encoder = new TextEncoder();
  let posted = 0;
  let error: Error | undefined;
  let closed = false;
  let marks: number[] = [];
  let bytes: Uint8Array<ArrayBuffer> = new Uint8Array(batchBytes * 2);
  let used = 0;

  const close = (): void => {
    closed = true;
    port1.close();
    void worker.terminate();
  };
  /** The worker's failure, taken once: the worker ended with `failed`, or died. */
  const failure = (): Error => {
    if (error === undefined) {
      const message = receiveMessageOnPort(port1)?.message as { failure?: Failure } | undefined;
      error = errorOf(message?.failure);
      close();
    }
    return error;
  };
  /** Waits while `until()` is false and the worker ends or writes a batch within the patience; throws if it gives up. */
  const wait = (until: () => boolean): void => {
    while (!until()) {
      const end = Atomics.load(state, endSlot);
      if (end === failed) throw failure();
      if (end !== running) return;
      const seen = Atomics.load(state, writtenSlot);
      if (Atomics.wait(state, writtenSlot, seen, patienceMs) === 'timed-out' && Atomics.load(state, endSlot) === running) {
        error = new Error(`flowc: the output writer wrote nothing for ${Math.round(patienceMs / 1000)} s`);
        close();
        throw error;
      }
    }
  };
  const post = (): void => {
    if (marks.length === 0) return;
    const marked = Uint32Array.from(marks);
    const batch: Batch = { bytes: bytes.subarray(0, used), marks: marked };
    port1.postMessage({ batch }, [bytes.buffer, marked.buffer]);
    posted++;
    marks = [];
    bytes = new Uint8Array(batchBytes * 2);
    used = 0;
    // Memory stays bounded: the main thread waits while the worker is far behind.
    wait(() => posted - Atomics.load(state, writtenSlot) <= maxInFlight);
  };
  const room = (size: number): void => {
    if (used + size <= bytes.length) return;
    const grown = new Uint8Array(Math.max(bytes.length * 2, used + size));
    grown.set(bytes.subarray(0, used));
    bytes = grown;
  };

  return {
    write(rel, content) {
      if (error) throw error;
      if (closed) throw new Error('flowc: the output writer has ended');
      if (Atomics.load(state, endSlot) === failed) throw failure();
      room(rel.length * 3);
      used += encoder.encodeInto(rel, bytes.subarray(used)).written;
      marks.push(used);
      if (typeof content === 'string') {
        // At most 3 bytes per UTF-16 unit.
        room(content.length * 3);
        used += encoder.encodeInto(content, bytes.subarray(used)).written;
      } else {
        let size = 0;
        for (const chunk of content) size += chunk.length;
        room(size);
        for (const chunk of content) {
          bytes.set(chunk, used);
          used += chunk.length;
        }
      }
      marks.push(used);
      if (used >= batchBytes) post();
    },
    drain() {
      if (error) throw error;
      if (closed) return;
      post();
      port1.postMessage({ done: true });
      wait(() => Atomics.load(state, endSlot) !== running);
      if (Atomics.load(state, endSlot) === failed) throw failure();
      close();
    },
    stop() {
      if (closed) return;
      Atomics.store(state, stopSlot, 1);
      port1.postMessage({ done: true });
      try {
        wait(() => Atomics.load(state, endSlot) !== running);
      } catch {
        // Failed or gave up: it writes nothing more either way.
      }
      close();
    },
  };
}
