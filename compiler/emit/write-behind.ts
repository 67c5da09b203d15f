/**
 * A first build's files written on a worker thread (issue 12, full-build speed): at 1,000 flows a first
 * build writes 33,055 files into its staged tree, and each `writeFileSync` (open, write, close) and each
 * new folder's `mkdir` held the main thread for as long as the file system took. Here the main thread only
 * copies each file's path and bytes into a batch, and the worker makes the folders and writes the files on
 * the second core while the main thread compiles the next flows.
 *
 * The batches go through a ring of slots in one SharedArrayBuffer, so that nothing is allocated, cloned or
 * posted per batch (posting each batch as a message cost the main thread about 1.5 ms a batch in a build);
 * a batch too large for a slot (a large manifest) is posted as a message, its slot saying so, in its turn.
 *
 * Nothing about the output's guarantees changes: the worker writes only inside the stage, and the stream
 * waits for it (drain()) before anything is put in place. A write that fails (a full disk, a folder not
 * writable) stops the worker, and the error — with its errno code and path, as `writeFileSync` would have
 * thrown it — reaches the main thread at its next batch or at drain(). A worker that stops making progress
 * (not a single file written) for `patienceMs` is given up with an error: the build fails, and the previous
 * output is left as it was.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, SHARE_ENV, Worker } from 'node:worker_threads';

/**
 * The control slots (the worker's code, run from its text, uses the numbers themselves): batches published
 * by the main thread; batches written by the worker; the worker's end (see below); the main thread's
 * request to stop, and its word that no batch follows; a signal bumped by the main thread on each of those,
 * which the worker waits on; the worker's progress, bumped after each file, and after each batch and at its
 * end with a wake-up of the main thread, which waits on it.
 */
const headSlot = 0;
const tailSlot = 1;
const endSlot = 2;
const stopSlot = 3;
const doneSlot = 4;
const signalSlot = 5;
const progressSlot = 6;
const controlSlots = 7;
/** endSlot's values: running, then 1 (done), 2 (failed: its error posted) or 3 (stopped). */
const running = 0;
const failed = 2;

/**
 * A slot: two Int32 (the number of marks, and the batch's byte length, or -1 when the batch was posted as a
 * message), the marks (Uint32: per file, where its path ends and where its bytes end), then the bytes: for
 * each file its path under the root (UTF-8) and its bytes, one after the other.
 */
const slotHead = 8;

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
  control: Int32Array;
  ring: SharedArrayBuffer;
  slots: number;
  slotBytes: number;
}

/**
 * The worker's code, run from its source text (no file of its own beside the bundled `flowc` command or
 * the tests' TypeScript): no closures over this module, only node:fs, node:path and node:worker_threads.
 * It waits on the signal slot; each batch's files are written in order, each new folder made first
 * (recursive: the tree's parents).
 */
function writeStagedFiles(
  fs: typeof import('node:fs'),
  pathModule: typeof import('node:path'),
  threads: typeof import('node:worker_threads'),
): void {
  const { root, port, control, ring, slots, slotBytes } = threads.workerData as WriterInput;
  const made = new Set<string>();
  const end = (value: number): void => {
    Atomics.store(control, 2, value);
    Atomics.add(control, 6, 1);
    Atomics.notify(control, 6);
  };
  const writeBatch = (marks: Uint32Array, bytes: Uint8Array): boolean => {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    let at = 0;
    for (let i = 0; i < marks.length; i += 2) {
      if (Atomics.load(control, 3) !== 0) return false;
      const pathEnd = marks[i]!;
      const file = root + text.toString('utf8', at, pathEnd);
      const folder = pathModule.dirname(file);
      if (!made.has(folder)) {
        fs.mkdirSync(folder, { recursive: true });
        made.add(folder);
      }
      at = marks[i + 1]!;
      fs.writeFileSync(file, bytes.subarray(pathEnd, at));
      // Progress per file (the main thread is woken per batch): a slow disk is not a stuck worker.
      Atomics.add(control, 6, 1);
    }
    return true;
  };
  try {
    for (let tail = 0; ; ) {
      const signal = Atomics.load(control, 5);
      if (Atomics.load(control, 3) !== 0) {
        end(3);
        return;
      }
      if (tail < Atomics.load(control, 0)) {
        const at = (tail % slots) * slotBytes;
        const head = new Int32Array(ring, at, 2);
        const count = head[0]!;
        const length = head[1]!;
        let done: boolean;
        if (length < 0) {
          const posted = threads.receiveMessageOnPort(port)?.message as { marks: Uint32Array; bytes: Uint8Array };
          done = writeBatch(posted.marks, posted.bytes);
        } else {
          const marks = new Uint32Array(ring, at + 8, count);
          done = writeBatch(marks, new Uint8Array(ring, at + 8 + count * 4, length));
        }
        if (!done) {
          end(3);
          return;
        }
        tail++;
        Atomics.store(control, 1, tail);
        Atomics.add(control, 6, 1);
        Atomics.notify(control, 6);
        continue;
      }
      if (Atomics.load(control, 4) !== 0) {
        end(1);
        return;
      }
      Atomics.wait(control, 5, signal);
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const failure: Failure = { message: String(e?.message ?? err) };
    if (typeof e?.code === 'string') failure.code = e.code;
    if (typeof e?.errno === 'number') failure.errno = e.errno;
    if (typeof e?.syscall === 'string') failure.syscall = e.syscall;
    if (typeof e?.path === 'string') failure.path = e.path;
    port.postMessage({ failure });
    end(2);
    return;
  }
}

export interface WriteBehindOptions {
  /** Tests: the worker's source text instead of writeStagedFiles's. */
  code?: string;
  /** How long the worker may go without writing a file before it is given up (ms). */
  patienceMs?: number;
  /** A batch is handed over once it holds this many bytes (tests: small, to make many batches). */
  batchBytes?: number;
  /** The ring's slots: the main thread waits while all hold batches not yet written (memory stays bounded). */
  slots?: number;
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
  const batchBytes = options.batchBytes ?? 256 * 1024;
  const slots = options.slots ?? 16;
  // Room for a full batch, its last file (up to another batch's size) and its marks; larger ones are posted.
  const slotBytes = Math.ceil((slotHead + batchBytes * 2 + 4096) / 8) * 8;
  const control = new Int32Array(new SharedArrayBuffer(controlSlots * 4));
  const ring = new SharedArrayBuffer(slots * slotBytes);
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    const input: WriterInput = { root, port: port2, control, ring, slots, slotBytes };
    worker = new Worker(
      options.code ?? `(${writeStagedFiles.toString()})(require('node:fs'), require('node:path'), require('node:worker_threads'))`,
      { eval: true, workerData: input, transferList: [port2], env: SHARE_ENV },
    );
  } catch {
    port1.close();
    return undefined;
  }
  // It never keeps the process alive: a process that exits leaves a stage, which the next build removes.
  worker.unref();
  const patienceMs = options.patienceMs ?? 60_000;
  const encoder = new TextEncoder();
  let published = 0;
  let error: Error | undefined;
  let closed = false;
  let marks: number[] = [];
  let bytes = new Uint8Array(batchBytes * 2);
  let used = 0;

  const signal = (slot: number, value: number): void => {
    Atomics.store(control, slot, value);
    Atomics.add(control, signalSlot, 1);
    Atomics.notify(control, signalSlot);
  };
  const close = (): void => {
    closed = true;
    port1.close();
    void worker.terminate();
  };
  /** The worker's failure, taken once. */
  const failure = (): Error => {
    if (error === undefined) {
      const message = receiveMessageOnPort(port1)?.message as { failure?: Failure } | undefined;
      error = errorOf(message?.failure);
      close();
    }
    return error;
  };
  /** Waits while `until()` is false and the worker ends or writes a file within the patience; throws if it gives up. */
  const wait = (until: () => boolean): void => {
    for (;;) {
      // Read before the condition: progress made after it is then seen as a change, never waited for.
      const seen = Atomics.load(control, progressSlot);
      if (until()) return;
      const end = Atomics.load(control, endSlot);
      if (end === failed) throw failure();
      if (end !== running) return;
      if (Atomics.wait(control, progressSlot, seen, patienceMs) === 'timed-out' && Atomics.load(control, progressSlot) === seen) {
        error = new Error(`flowc: the output writer wrote nothing for ${Math.round(patienceMs / 1000)} s`);
        close();
        throw error;
      }
    }
  };
  const publish = (): void => {
    if (marks.length === 0) return;
    // A free slot: the worker has written the batch that was in it.
    wait(() => published - Atomics.load(control, tailSlot) < slots);
    if (error) throw error;
    const at = (published % slots) * slotBytes;
    const head = new Int32Array(ring, at, 2);
    head[0] = marks.length;
    if (slotHead + marks.length * 4 + used <= slotBytes) {
      head[1] = used;
      new Uint32Array(ring, at + slotHead, marks.length).set(marks);
      new Uint8Array(ring, at + slotHead + marks.length * 4, used).set(bytes.subarray(0, used));
    } else {
      head[1] = -1;
      const marked = Uint32Array.from(marks);
      const own = bytes.slice(0, used);
      port1.postMessage({ marks: marked, bytes: own }, [marked.buffer, own.buffer]);
    }
    published++;
    signal(headSlot, published);
    marks = [];
    used = 0;
    if (bytes.length > batchBytes * 2) bytes = new Uint8Array(batchBytes * 2);
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
      if (Atomics.load(control, endSlot) === failed) throw failure();
      // At most 3 bytes per UTF-16 unit.
      room(rel.length * 3);
      used += encoder.encodeInto(rel, bytes.subarray(used)).written;
      marks.push(used);
      if (typeof content === 'string') {
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
      if (used >= batchBytes) publish();
    },
    drain() {
      if (error) throw error;
      if (closed) return;
      publish();
      signal(doneSlot, 1);
      wait(() => Atomics.load(control, endSlot) !== running);
      if (Atomics.load(control, endSlot) === failed) throw failure();
      close();
    },
    stop() {
      if (closed) return;
      signal(stopSlot, 1);
      try {
        wait(() => Atomics.load(control, endSlot) !== running);
      } catch {
        // Failed or gave up: it writes nothing more either way.
      }
      close();
    },
  };
}
