/**
 * The `stat` of every file the output record lists, on a worker thread (issue 12, "Rebuilds"): a new
 * `flowc build` process checks each of the 33,055 files of a 1,000-flow output against the record (a file
 * edited by hand must be found), about 115 ms of its main thread. The worker starts when the output is
 * opened and stats them on the second core while the main thread loads the project and reads the cache;
 * the main thread takes its answer — the recorded paths not on disk as recorded — when the first group is
 * put. The worker reads the very bytes the record was parsed from (a SharedArrayBuffer), so both judge the
 * same entries. Whatever goes wrong with the worker (it cannot start, fails, or stops making progress)
 * only means that the main thread stats the files itself, as before: never a wrong answer, never a hang.
 */
import os from 'node:os';
import { MessageChannel, type MessagePort, receiveMessageOnPort, SHARE_ENV, Worker } from 'node:worker_threads';

/**
 * Whether a core is likely to be free for the worker: more than one core, and the last minute's load average
 * below their count (this build counts as one). On a machine busy with other work the worker would only take
 * turns with the main thread, and add its own start and parse (about 60 ms of CPU) to the build's.
 */
export const spareCore = (cores = os.availableParallelism(), load = os.loadavg()[0]!): boolean => cores > 1 && load < cores;

/** The slots of the shared state: the worker's progress (bumped as it goes) and its end (see Ended). */
const progressSlot = 0;
const endSlot = 1;
/** endSlot's values. */
const running = 0;
const answered = 1;
const failed = 2;

/** What the worker is given. */
interface StatInput {
  /** The record's bytes (compiler/emit/output-record.ts, format 2). */
  source: SharedArrayBuffer;
  /** The output folder the record is of, and the separator of its paths. */
  target: string;
  sep: string;
  port: MessagePort;
  state: Int32Array;
}

/**
 * The worker's code, run from its source text (so that it needs no file of its own beside the bundled
 * `flowc` command or the tests' TypeScript): no closures, no inner functions, only its two modules. A file
 * is as recorded when it is a file (links followed, as by the main thread's check) of the recorded size
 * and modification time; its answer is every recorded path that is not.
 */
function statRecordedFiles(fs: typeof import('node:fs'), threads: typeof import('node:worker_threads')): void {
  const { source, target, sep, port, state } = threads.workerData as StatInput;
  Atomics.add(state, 0, 1);
  let ended = 2;
  try {
    const stored = JSON.parse(Buffer.from(source).toString('utf8')) as { version?: unknown; files?: unknown };
    const files = stored.files;
    if (stored.version !== 2 || !Array.isArray(files) || files.length % 4 !== 0) throw new Error('not a record of format 2');
    const differing: string[] = [];
    for (let i = 0; i < files.length; i += 4) {
      const rel = files[i] as string;
      let stat: import('node:fs').Stats | undefined;
      try {
        stat = fs.statSync(target + sep + (sep === '/' ? rel : rel.split('/').join(sep)), { throwIfNoEntry: false });
      } catch {
        stat = undefined;
      }
      if (stat === undefined || !stat.isFile() || stat.size !== files[i + 2] || stat.mtimeMs !== files[i + 3]) differing.push(rel);
      if ((i & 1023) === 0) Atomics.add(state, 0, 1);
    }
    port.postMessage(differing);
    ended = 1;
  } finally {
    Atomics.store(state, 1, ended);
    Atomics.notify(state, 1);
  }
}

export interface StatCheck {
  /**
   * The recorded paths whose file is not on disk as recorded; undefined when the worker gave no answer (the
   * caller then stats the files itself). Waits for the worker the first time, while it makes progress.
   */
  differing(): ReadonlySet<string> | undefined;
  /** Stops the worker if it still runs (its answer is no longer wanted). */
  close(): void;
}

export interface StatCheckOptions {
  /** Tests: the worker's source text instead of statRecordedFiles's. */
  code?: string;
  /** How long the worker may go without progress before it is given up (ms). */
  patienceMs?: number;
}

/** Starts the worker on the record's bytes; undefined if it cannot be started (the caller stats the files itself). */
export function startStatCheck(
  target: string,
  sep: string,
  source: SharedArrayBuffer,
  options: StatCheckOptions = {},
): StatCheck | undefined {
  const state = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  const input: StatInput = { source, target, sep, port: port2, state };
  let worker: Worker;
  try {
    worker = new Worker(options.code ?? `(${statRecordedFiles.toString()})(require('node:fs'), require('node:worker_threads'))`, {
      eval: true,
      workerData: input,
      transferList: [port2],
      env: SHARE_ENV,
    });
  } catch {
    port1.close();
    return undefined;
  }
  // It never keeps the process alive, and its failure is only the lack of an answer.
  worker.unref();
  worker.on('error', () => {
    Atomics.compareExchange(state, endSlot, running, failed);
  });
  const patienceMs = options.patienceMs ?? 2000;
  let answer: ReadonlySet<string> | undefined;
  let taken = false;
  const close = (): void => {
    port1.close();
    void worker.terminate();
  };
  return {
    differing() {
      if (taken) return answer;
      taken = true;
      let seen = -1;
      while (Atomics.load(state, endSlot) === running) {
        const now = Atomics.load(state, progressSlot);
        // No progress since the last wait: the worker did not start, or is stuck.
        if (now === seen) break;
        seen = now;
        Atomics.wait(state, endSlot, running, patienceMs);
      }
      if (Atomics.load(state, endSlot) === answered) {
        const message = receiveMessageOnPort(port1)?.message as unknown;
        if (Array.isArray(message)) answer = new Set(message as string[]);
      }
      close();
      return answer;
    },
    close() {
      taken = true;
      close();
    },
  };
}
