/**
 * Runs a generated router inside workerd, Cloudflare's Workers runtime (the `workerd` npm package), as
 * `wrangler deploy` would: the worker entry and the router's .mjs modules as ES modules, dist/router/data/
 * behind the FLOWC_DATA binding (a disk service, which answers fetches with files, as static assets do),
 * the secrets as text bindings. The config is written in workerd's Cap'n Proto format.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export interface WorkerdOptions {
  /** The folder holding worker.mjs, router.mjs and router/ (what `flowc build --wrangler` writes). */
  dist: string;
  /** The worker's main module, relative to dist (default worker.mjs). */
  main?: string;
  /** Text bindings (secrets). */
  text: Record<string, string>;
  /** Enable nodejs_compat (then node:crypto is found through process.getBuiltinModule). */
  nodejsCompat?: boolean;
}

export interface RunningWorkerd {
  url: string;
  child: ChildProcess;
  /** The workerd process's resident memory in bytes (from /proc). */
  rss(): number;
  /** Bytes of JavaScript the worker loads (the script size Workers limits). */
  scriptBytes: number;
  stop(): Promise<void>;
  output(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function modulesUnder(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'data') out.push(...modulesUnder(full, `${prefix}${name}/`));
    } else if (name.endsWith('.mjs')) out.push(prefix + name);
  }
  return out;
}

const capnpString = (text: string): string => JSON.stringify(text);

export async function workerdBinary(): Promise<string | undefined> {
  try {
    const name = 'workerd'; // untyped package: import it by a name TypeScript does not resolve
    const mod = (await import(name)) as { default: string | { default: string } };
    const binary = typeof mod.default === 'string' ? mod.default : mod.default.default;
    statSync(binary);
    return binary;
  } catch {
    return undefined;
  }
}

export async function startWorkerd(options: WorkerdOptions): Promise<RunningWorkerd> {
  const binary = await workerdBinary();
  if (!binary) throw new Error('the workerd binary is missing (npm ci installs it with the workerd package)');
  const main = options.main ?? 'worker.mjs';
  const modules = [main, ...modulesUnder(options.dist).filter((m) => m !== main)];
  const scriptBytes = modules.reduce((n, m) => n + statSync(path.join(options.dist, m)).size, 0);
  const port = await freePort();
  const config = `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .router),
    (name = "data", disk = (path = ${capnpString(path.join(options.dist, 'router/data'))}, writable = false)),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);

const router :Workerd.Worker = (
  modules = [
${modules.map((m) => `    (name = ${capnpString(m)}, esModule = embed ${capnpString(m)}),`).join('\n')}
  ],
  compatibilityDate = "2025-01-01",
  compatibilityFlags = [${options.nodejsCompat ? '"nodejs_compat"' : ''}],
  bindings = [
    (name = "FLOWC_DATA", service = "data"),
${Object.entries(options.text)
  .map(([name, value]) => `    (name = ${capnpString(name)}, text = ${capnpString(value)}),`)
  .join('\n')}
  ],
);
`;
  const configFile = path.join(options.dist, 'workerd.capnp');
  writeFileSync(configFile, config);
  const child = spawn(binary, ['serve', configFile, '--verbose'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  // Hang watchdog only: generous, for a busy machine.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`workerd exited (${child.exitCode}):\n${output}`);
    try {
      await fetch(`${url}/ready`);
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`workerd did not listen within 60 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    child,
    scriptBytes,
    rss: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
      return kb * 1024;
    },
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
