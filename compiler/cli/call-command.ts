/**
 * `flowc call <number|flow>`: one call played in the terminal through the real NCCOs and router. It
 * shows what the caller hears (text, language, voice) and where the call goes, and asks for the
 * caller's next act; lookups come from the project's module (`--lookups`) or are asked for. Without a
 * terminal it reads the acts from standard input, one per line, so it can be scripted.
 */
import { createInterface } from 'node:readline';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { LookupFunction } from '../router/runtime/lookups.mjs';
import type { CallEvent, LookupResult } from '../simulate/call-types.js';
import type { SimClock } from '../simulate/clock.js';
import { transcriptLines } from '../simulate/format-transcript.js';
import { DEFAULT_CALLER } from '../simulate/scenarios/read-scenarios.js';
import { DEFAULT_CALLEE, defaultTimeZone } from '../simulate/scenarios/run-scenarios.js';
import { parseLocalTime } from '../simulate/scenarios/scenario-time.js';
import type { StartSpec } from '../simulate/simulator.js';
import { parseAct, parseLookupAnswer, playLookupAnswer, promptFor } from '../simulate/typed-acts.js';
import { ExitCode, UsageError, type CliIo } from './cli-io.js';
import { loadSimulator } from './load-simulator.js';
import { report } from './report.js';

export interface CallCommandOptions {
  locale?: string;
  from?: string;
  to?: string;
  at?: string;
  lookups?: string;
  dir?: string;
}

/** Lines from standard input, one at a time; undefined once it is closed. */
function lineReader(input: NodeJS.ReadableStream) {
  const rl = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  const lines: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let closed = false;
  rl.on('line', (line) => {
    const w = waiting.shift();
    if (w) w(line);
    else lines.push(line);
  });
  rl.on('close', () => {
    closed = true;
    for (const w of waiting.splice(0)) w(undefined);
  });
  return {
    next(): Promise<string | undefined> {
      if (lines.length > 0) return Promise.resolve(lines.shift());
      if (closed) return Promise.resolve(undefined);
      return new Promise((resolve) => waiting.push(resolve));
    },
    close: () => rl.close(),
  };
}

type Lookups = Record<string, LookupFunction<object, object>>;

async function loadLookupModule(file: string): Promise<Lookups> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`Could not load the lookups module ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const table = (module.lookups ?? module.default) as unknown;
  if (typeof table !== 'object' || table === null) {
    throw new UsageError(`${file} must export its lookups: export const lookups = { findAccount(input) { … } }.`);
  }
  return table as Lookups;
}

export async function runCall(io: CliIo, target: string, options: CallCommandOptions): Promise<number> {
  const loaded = await loadSimulator(io, options.dir);
  if (!loaded.simulator) return report(io, 'pretty', loaded.diagnostics, loaded.built.sources);
  const sim = loaded.simulator;
  const from = (options.from ?? DEFAULT_CALLER).replace(/^\+/, '');
  let spec: StartSpec;
  if (/^\+?\d+$/.test(target)) {
    const number = target.replace(/^\+/, '');
    if (!Object.hasOwn(sim.program.project.numbers, number)) {
      const s = didYouMean(number, Object.keys(sim.program.project.numbers));
      throw new UsageError(`No flow answers ${number}.${s ? ` Did you mean ${s}?` : ''}`);
    }
    spec = { number, from };
  } else {
    const flow = sim.program.flows.find((f) => f.flow === target);
    if (!flow) {
      const s = didYouMean(
        target,
        sim.program.flows.map((f) => f.flow),
      );
      throw new UsageError(`There is no flow "${target}".${s ? ` Did you mean "${s}"?` : ''}`);
    }
    const locale = options.locale ?? flow.locales[0]!;
    if (!flow.locales.includes(locale))
      throw new UsageError(`Flow ${flow.flow} has no locale "${locale}" (it has ${flow.locales.join(', ')}).`);
    spec = { flow: flow.flow, locale, from, to: (options.to ?? DEFAULT_CALLEE).replace(/^\+/, '') };
  }
  const timeZone = defaultTimeZone(sim);
  let atMs = Date.now();
  if (options.at !== undefined) {
    const parsed = parseLocalTime(options.at, timeZone);
    if (parsed === undefined)
      throw new UsageError(`--at "${options.at}" is not a date and time (e.g. 2026-03-02T10:00, local time in ${timeZone}).`);
    atMs = parsed;
  }
  const own = options.lookups !== undefined ? await loadLookupModule(path.resolve(io.cwd, options.lookups)) : {};

  const stdin = io.stdin ?? process.stdin;
  const interactive = stdin.isTTY === true;
  const reader = lineReader(stdin);
  const events: CallEvent[] = [];
  let printed = 0;
  const show = (event: CallEvent): void => {
    events.push(event);
    const lines = transcriptLines(events);
    for (const line of lines.slice(printed)) io.stdout(`${line}\n`);
    printed = lines.length;
  };
  const ask = async (question: string): Promise<string | undefined> => {
    if (interactive) io.stdout(`? ${question}\n> `);
    return reader.next();
  };

  const lookups = (clock: SimClock, emit: (event: CallEvent) => void): Lookups => {
    const out: Lookups = {};
    for (const [name, declaration] of Object.entries(sim.program.project.lookups)) {
      const implementation = Object.hasOwn(own, name) ? own[name] : undefined;
      out[name] = async (input, context) => {
        const record = input as Record<string, unknown>;
        const note = (result: LookupResult, output?: unknown) =>
          emit({ kind: 'lookup', name, input: record, result, ...(output !== undefined ? { output } : {}) });
        if (typeof implementation === 'function') {
          // The project's own code in real time, under the declared time limit.
          let timer: ReturnType<typeof setTimeout> | undefined;
          try {
            const answer = await Promise.race([
              Promise.resolve(implementation(input, context)),
              new Promise<never>((_, reject) => {
                timer = setTimeout(() => reject(new Error('timeout')), declaration.timeoutMs);
              }),
            ]);
            note(answer === null || answer === undefined ? 'not-found' : 'found', answer ?? undefined);
            return answer;
          } catch (error) {
            note((error as Error).message === 'timeout' ? 'slow' : 'failed');
            if ((error as Error).message === 'timeout') await clock.after(declaration.timeoutMs + 1, context.signal);
            throw error;
          } finally {
            clearTimeout(timer);
          }
        }
        for (;;) {
          const line = await ask(
            `Lookup ${name} ${JSON.stringify(record)}: not-found, fails, slow, or the fields found as JSON (${Object.keys(declaration.output).join(', ')})`,
          );
          if (line === undefined) {
            note('failed');
            throw new Error('no answer');
          }
          const parsed = parseLookupAnswer(line);
          if (!parsed.ok) {
            io.stderr(`${parsed.message}\n`);
            continue;
          }
          return playLookupAnswer(parsed.value, { name, timeoutMs: declaration.timeoutMs, clock, signal: context.signal }, note);
        }
      };
    }
    return out;
  };

  const record = await sim.play(spec, {
    atMs,
    lookups,
    onEvent: show,
    acts: {
      async next(need) {
        for (;;) {
          const line = await ask(promptFor(need));
          if (line === undefined) return undefined;
          const parsed = parseAct(line, need);
          if (parsed.ok) return parsed.value;
          io.stderr(`${parsed.message}\n`);
        }
      },
    },
  });
  reader.close();
  return record.end.reason === 'stopped' ? ExitCode.inputErrors : ExitCode.ok;
}
