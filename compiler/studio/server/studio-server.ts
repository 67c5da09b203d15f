/**
 * The studio's HTTP server: a thin layer over the build and the studio model. It serves the page, the
 * compiled modules the page runs, the model as JSON, the project's own files (read-only, never a path
 * outside the project), and a stream of server-sent events that says when a save changed the model.
 * Listens on 127.0.0.1 unless told otherwise.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type FolderWatch, watchFolders } from '../../load/watch-folders.js';
import type { StudioModel } from '../model/studio-types.js';
import { isClientModule } from './client-files.js';
import { pageHtml, studioCss } from './page.js';
import { resolveInside } from './safe-path.js';
import { saveScenario } from './save-scenario.js';

export interface StudioServerOptions {
  root: string;
  /** build/compiler: where the page's modules are. */
  appDir: string;
  port: number;
  host: string;
  /** Builds the model afresh (the previous one is given, for flows that no longer compile). */
  makeModel(version: number, previous: StudioModel | undefined): Promise<StudioModel>;
  /** Called when a rebuild fails unexpectedly (a bug in flowc, not a mistake in the project). */
  onError?(error: unknown): void;
}

export interface StudioServer {
  url: string;
  /** The model now (after the last rebuild). */
  model(): StudioModel;
  /** Rebuild now (the watcher calls it after a save); resolves when the new model is out. */
  rebuild(): Promise<void>;
  close(): Promise<void>;
}

/** Files that are not the project's: output and tool folders, hidden files, editors' backups. */
const IGNORED = /^(dist|build|node_modules|\.git|\.cache|coverage)(\/|$)|(^|\/)\.[^/]*$|~$|\.sw[px]$/;
/** `flowc test`'s scenarios and transcripts: the build does not read them (and the studio writes them), so a save there rebuilds nothing. */
const SCENARIO_FILES = /\.test\.(yaml|transcripts\.txt)$/;

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
};

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type });
  res.end(body);
}

const refuse = (res: ServerResponse, status: number, why: string) => send(res, status, 'text/plain; charset=utf-8', `${why}\n`);

/** A saved scenario is a few KiB; this is far more, and still small. */
const MAX_BODY = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Only the studio's own page may write: a same-origin request (its Origin is this server, as the
 * browser says it; a page elsewhere cannot forge it) with a JSON body (which a form elsewhere cannot
 * send without asking first, and the studio answers no such question).
 */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return (
    origin !== undefined &&
    origin === `http://${req.headers.host ?? ''}` &&
    (site === undefined || site === 'same-origin') &&
    type === 'application/json'
  );
}

export async function startStudioServer(options: StudioServerOptions): Promise<StudioServer> {
  let version = 1;
  let current = await options.makeModel(version, undefined);
  const clients = new Set<ServerResponse>();
  let building: Promise<void> | undefined;
  let again = false;

  const announce = (): void => {
    const data = `event: model\ndata: ${JSON.stringify({ version: current.version, errors: current.counts.errors })}\n\n`;
    for (const c of clients) c.write(data);
  };

  const rebuildOnce = async (): Promise<void> => {
    try {
      version += 1;
      current = await options.makeModel(version, current);
      announce();
    } catch (error) {
      options.onError?.(error);
    }
  };
  // One rebuild at a time; saves during one make one more afterwards.
  const rebuild = (): Promise<void> => {
    if (building) {
      again = true;
      return building;
    }
    building = (async () => {
      do {
        again = false;
        await rebuildOnce();
      } while (again);
      building = undefined;
    })();
    return building;
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  let watcher: FolderWatch | undefined;
  try {
    // One watch per folder (compiler/load/watch-folders.ts): Node's recursive watch loses files replaced by a rename.
    watcher = watchFolders(options.root, {
      skip: (rel) => IGNORED.test(rel),
      onEvent: (full) => {
        if (SCENARIO_FILES.test(full)) return;
        // Editors save in bursts (a temporary file, a rename): one rebuild after the burst.
        clearTimeout(timer);
        timer = setTimeout(() => void rebuild(), 60);
      },
    });
  } catch (error) {
    options.onError?.(error);
  }

  const allowedHosts = new Set<string>();
  const loopback = options.host === '127.0.0.1' || options.host === 'localhost' || options.host === '::1';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://studio.invalid');
    const p = url.pathname;
    const saving = req.method === 'POST' && p === '/api/scenarios';
    if (req.method !== 'GET' && req.method !== 'HEAD' && !saving)
      return refuse(res, 405, 'The studio only reads (and saves a played call as a scenario).');
    // A page elsewhere cannot reach a loopback studio through a DNS name it controls (DNS rebinding).
    if (loopback && !allowedHosts.has(req.headers.host ?? '')) return refuse(res, 403, 'Unknown host.');
    if (saving) {
      if (!sameOrigin(req)) return refuse(res, 403, "Only the studio's own page may save a scenario.");
      const body = await readBody(req);
      if (body === undefined) return refuse(res, 413, 'Too large for a scenario.');
      let request: unknown;
      try {
        request = JSON.parse(body);
      } catch {
        return refuse(res, 400, 'The request is not JSON.');
      }
      const answer = await saveScenario(options.root, request);
      return send(res, answer.status, 'application/json; charset=utf-8', JSON.stringify(answer.body));
    }
    if (p === '/' || p === '/index.html') return send(res, 200, 'text/html; charset=utf-8', pageHtml('live', current.project));
    if (p === '/studio.css') return send(res, 200, 'text/css; charset=utf-8', studioCss);
    if (p === '/api/model') return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(current));
    if (p === '/api/events') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
      res.write(`retry: 1000\nevent: model\ndata: ${JSON.stringify({ version: current.version, errors: current.counts.errors })}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    const raw = (req.url ?? '').split('?')[0] ?? '';
    if (p.startsWith('/app/')) {
      const rel = raw.slice('/app/'.length);
      const file = resolveInside(options.appDir, rel);
      const relative = file === undefined ? undefined : path.relative(options.appDir, file).split(path.sep).join('/');
      if (file === undefined || relative === undefined || !isClientModule(relative)) return refuse(res, 404, 'Not a module of the page.');
      return send(res, 200, TYPES[path.extname(file)] ?? 'application/octet-stream', await readFile(file));
    }
    if (p.startsWith('/source/')) {
      const file = resolveInside(options.root, raw.slice('/source/'.length));
      const rel = file === undefined ? undefined : path.relative(options.root, file).split(path.sep).join('/');
      // Only the files the build read: the project's YAML, not whatever else sits in the folder.
      if (file === undefined || rel === undefined || !/\.ya?ml$/.test(rel) || IGNORED.test(rel))
        return refuse(res, 404, 'Not a file of the project.');
      try {
        return send(res, 200, 'text/plain; charset=utf-8', await readFile(file));
      } catch {
        return refuse(res, 404, 'Not a file of the project.');
      }
    }
    return refuse(res, 404, 'Not found.');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) refuse(res, 500, 'flowc studio failed on this request.');
      else res.end();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // Nothing may keep the process alive after a port in use or a host that is not this computer's.
    clearTimeout(timer);
    watcher?.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  for (const h of [shownHost, 'localhost', '127.0.0.1', '[::1]']) allowedHosts.add(`${h}:${port}`);
  const heartbeat = setInterval(() => {
    for (const c of clients) c.write(': still here\n\n');
  }, 15_000);
  heartbeat.unref();

  return {
    url: `http://${shownHost}:${port}/`,
    model: () => current,
    rebuild,
    async close() {
      clearTimeout(timer);
      clearInterval(heartbeat);
      watcher?.close();
      for (const c of clients) c.end();
      clients.clear();
      await building;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
