/**
 * The studio server refuses every path outside what it serves: `..` raw and percent-encoded (once and
 * twice), absolute paths, hidden files, modules of the compiler the page does not run, symlinks out of
 * the project (a file and a folder), a foreign Host (DNS rebinding), and anything but reading.
 * `flowc studio --export` writes the static site.
 */
import { mkdtemp, cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStudio } from '../../compiler/cli/studio-command.js';
import type { StudioServer } from '../../compiler/studio/server/studio-server.js';
import { runFlowc } from '../helpers/temp-project.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A raw request: the path is sent exactly as given (fetch would normalise `..`). */
function get(url: string, rawPath: string, options: { method?: string; host?: string } = {}): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: rawPath,
        method: options.method ?? 'GET',
        headers: options.host ? { Host: options.host } : {},
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('flowc studio: what the server gives out', () => {
  let base: string;
  let dir: string;
  let outside: string;
  let server: StudioServer;
  beforeAll(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'flowc-studio-'));
    dir = path.join(base, 'project');
    outside = path.join(base, 'outside');
    await mkdir(outside);
    await writeFile(path.join(outside, 'secret.yaml'), 'secret: outside the project\n');
    for (const part of ['flows', 'templates', 'flowc.yaml']) await cp(path.join(repo, part), path.join(dir, part), { recursive: true });
    await mkdir(path.join(dir, '.git'));
    await writeFile(path.join(dir, '.git', 'config.yaml'), 'hidden: true\n');
    await symlink(path.join(outside, 'secret.yaml'), path.join(dir, 'templates', 'linked.yaml'));
    await symlink(outside, path.join(dir, 'templates', 'linked-dir'));
    server = await openStudio(dir, { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
    await rm(base, { recursive: true, force: true });
  });

  it('serves the page, the model, the page modules and the project files', async () => {
    expect((await get(server.url, '/')).body).toContain('<meta name="flowc-studio" content="live">');
    const model = JSON.parse((await get(server.url, '/api/model')).body) as { flows: { name: string }[] };
    expect(model.flows.map((f) => f.name)).toContain('bill-pay');
    expect((await get(server.url, '/app/studio/client/main.js')).status).toBe(200);
    expect((await get(server.url, '/app/simulate/simulator.js')).status).toBe(200);
    const flow = await get(server.url, '/source/flows/bill-pay.flow.yaml');
    expect(flow.status).toBe(200);
    expect(flow.body).toBe(await readFile(path.join(dir, 'flows/bill-pay.flow.yaml'), 'utf8'));
  });

  it.each([
    '/source/../outside/secret.yaml',
    '/source/flows/../../outside/secret.yaml',
    '/source/..%2foutside%2fsecret.yaml',
    '/source/%2e%2e/outside/secret.yaml',
    '/source/%2E%2E%2Foutside%2Fsecret.yaml',
    '/source/%252e%252e/outside/secret.yaml',
    '/source/flows%5c..%5c..%5coutside%5csecret.yaml',
    '/source/<encoded absolute path>',
    '/source/<absolute path>',
    '/source/flows/bill-pay.flow.yaml%00.yaml',
    '/source/.git/config.yaml',
    '/source/templates/linked.yaml',
    '/source/templates/linked-dir/secret.yaml',
    '/source/flows',
    '/source/',
    '/app/../package.json',
    '/app/%2e%2e/%2e%2e/package.json',
    '/app/cli/main.js',
    '/app/pipeline/build-project.js',
    '/app/studio/server/studio-server.js',
    '/app/simulate/scenarios/read-scenarios.js',
    '/etc/passwd',
  ])('refuses %s', async (given) => {
    const absolute = path.join(base, 'outside', 'secret.yaml');
    const p = given.replace('<encoded absolute path>', encodeURIComponent(absolute)).replace('<absolute path>', absolute);
    const res = await get(server.url, p);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('outside the project');
  });

  it('refuses a foreign Host (DNS rebinding) and anything but reading', async () => {
    expect((await get(server.url, '/api/model', { host: 'attacker.example:80' })).status).toBe(403);
    expect((await get(server.url, '/api/model', { method: 'POST' })).status).toBe(405);
    expect((await get(server.url, '/source/flows/bill-pay.flow.yaml', { method: 'PUT' })).status).toBe(405);
  });

  it('listens on 127.0.0.1 by default', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });
});

describe('flowc studio --export', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'flowc-studio-export-'));
    for (const part of ['flows', 'templates', 'flowc.yaml']) await cp(path.join(repo, part), path.join(dir, part), { recursive: true });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes the page, the model, the modules and the sources', async () => {
    const run = await runFlowc(['studio', '--export', 'site'], dir);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^Wrote the studio of 4 flows to site/);
    const site = path.join(dir, 'site');
    expect(await readFile(path.join(site, 'index.html'), 'utf8')).toContain('content="static"');
    const model = JSON.parse(await readFile(path.join(site, 'model.json'), 'utf8')) as { live: boolean; simulation?: unknown };
    expect(model.live).toBe(false);
    expect(model.simulation).toBeDefined();
    await readFile(path.join(site, 'app/studio/client/main.js'));
    await readFile(path.join(site, 'app/simulate/simulator.js'));
    await readFile(path.join(site, 'source/flows/bill-pay.flow.yaml'));
    await expect(readFile(path.join(site, 'app/cli/main.js'))).rejects.toThrow();
  });

  it('refuses to write over the project or into its flows', async () => {
    expect((await runFlowc(['studio', '--export', '.'], dir)).exitCode).toBe(2);
    expect((await runFlowc(['studio', '--export', 'flows/site'], dir)).exitCode).toBe(2);
    expect((await runFlowc(['studio', '--port', 'x'], dir)).exitCode).toBe(2);
  });
});
