/**
 * The studio server refuses every path outside what it serves: `..` raw and percent-encoded (once and
 * twice), absolute paths, hidden files, modules of the compiler the page does not run, symlinks out of
 * the project (a file and a folder), a foreign Host (DNS rebinding), and anything but reading.
 * Saving a played call (POST api/scenarios) writes only flows/<name>.test.yaml and its transcript: a name
 * that is a path, a flows/ or a file that is a symlink out, another origin, a form, a body that is not a
 * scenario are refused, and an existing file is replaced only when asked. `flowc studio --export` writes
 * the static site.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStudio } from '../../compiler/cli/studio-command.js';
import { saveScenario } from '../../compiler/studio/server/save-scenario.js';
import type { StudioServer } from '../../compiler/studio/server/studio-server.js';
import { runFlowc } from '../helpers/temp-project.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A raw request: the path is sent exactly as given (fetch would normalise `..`). */
function get(
  url: string,
  rawPath: string,
  options: { method?: string; host?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: rawPath,
        method: options.method ?? 'GET',
        headers: { ...(options.host ? { Host: options.host } : {}), ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
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

  describe('saving a played call as a scenario (POST api/scenarios)', () => {
    const scenario = (title: string) =>
      `scenarios:\n  ${JSON.stringify(title)}:\n    call: "14155550100"\n    script:\n      - hang-up\n    expect:\n      end: caller-hung-up\n`;
    const post = (body: unknown, headers: Record<string, string> = {}) => {
      const origin = server.url.replace(/\/$/, '');
      return get(server.url, '/api/scenarios', {
        method: 'POST',
        // A header given as '' is left out.
        headers: Object.fromEntries(
          Object.entries({ Origin: origin, 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin', ...headers }).filter(
            ([, v]) => v !== '',
          ),
        ),
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    };
    const exists = (rel: string) =>
      readFile(path.join(dir, rel)).then(
        () => true,
        () => false,
      );

    it('writes flows/<name>.test.yaml and its transcript, and refuses to replace it unless asked', async () => {
      const first = await post({ name: 'from-studio_1', yaml: scenario('First'), transcript: 'call 14155550100 from 15555550100' });
      expect(first.status).toBe(201);
      expect(JSON.parse(first.body)).toMatchObject({ saved: true, file: 'flows/from-studio_1.test.yaml' });
      expect(await readFile(path.join(dir, 'flows/from-studio_1.test.yaml'), 'utf8')).toBe(scenario('First'));
      expect(await readFile(path.join(dir, 'flows/from-studio_1.test.transcripts.txt'), 'utf8')).toContain(
        '## First\ncall 14155550100 from 15555550100\n',
      );
      const again = await post({ name: 'from-studio_1', yaml: scenario('Second') });
      expect(again.status).toBe(409);
      expect(JSON.parse(again.body)).toMatchObject({ saved: false, exists: true });
      expect(await readFile(path.join(dir, 'flows/from-studio_1.test.yaml'), 'utf8')).toBe(scenario('First'));
      const replaced = await post({ name: 'from-studio_1', yaml: scenario('Second'), overwrite: true });
      expect(replaced.status).toBe(200);
      expect(await readFile(path.join(dir, 'flows/from-studio_1.test.yaml'), 'utf8')).toBe(scenario('Second'));
      // No temporary file is left behind.
      const { readdir } = await import('node:fs/promises');
      expect((await readdir(path.join(dir, 'flows'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });

    it.each([
      ['a path', '../outside/evil'],
      ['a path, encoded', '..%2Foutside%2Fevil'],
      ['an absolute path', '/tmp/evil'],
      ['a sub-folder', 'messages/evil'],
      ['a hidden file', '.evil'],
      ['a dot', 'evil.flow'],
      ['a space', 'my call'],
      ['a backslash', '..\\evil'],
      ['a NUL', 'evil\u0000'],
      ['nothing', ''],
      ['a very long name', 'x'.repeat(101)],
    ])('refuses %s as the name (%s)', async (_what, name) => {
      const res = await post({ name, yaml: scenario('Bad') });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).saved).toBe(false);
      expect(await exists('outside/evil.test.yaml')).toBe(false);
      expect(await exists('../outside/evil.test.yaml')).toBe(false);
    });

    it('refuses a body that is not one scenario flowc test can play, or not JSON, or too large', async () => {
      expect((await post({ name: 'broken', yaml: 'scenarios: [' })).status).toBe(422);
      expect((await post({ name: 'broken', yaml: 'scenarios:\n  "x":\n    call: "1"\n    nonsense: 1\n' })).status).toBe(422);
      expect((await post({ name: 'broken', yaml: 42 })).status).toBe(400);
      expect((await post('{ not json')).status).toBe(400);
      expect((await post({ name: 'big', yaml: 'x'.repeat(2 * 1024 * 1024) })).status).toBe(413);
      expect(await exists('flows/broken.test.yaml')).toBe(false);
      expect(await exists('flows/big.test.yaml')).toBe(false);
    });

    it.each([
      ['another origin', { Origin: 'http://attacker.example' }],
      ['no origin', { Origin: '' }],
      ['a cross-site fetch', { 'Sec-Fetch-Site': 'cross-site' }],
      ['a form (not JSON)', { 'Content-Type': 'application/x-www-form-urlencoded' }],
      ['a text body (no preflight)', { 'Content-Type': 'text/plain' }],
    ])('refuses %s', async (_what, headers) => {
      const res = await post({ name: 'cross-origin', yaml: scenario('Cross') }, headers);
      expect(res.status).toBe(403);
      expect(await exists('flows/cross-origin.test.yaml')).toBe(false);
    });

    it('refuses to write through a flows/ folder or a file that is a symlink out of the project', async () => {
      const other = path.join(base, 'linked-project');
      await mkdir(other);
      await symlink(outside, path.join(other, 'flows'));
      const answer = await saveScenario(other, { name: 'evil', yaml: scenario('Evil') });
      expect(answer.status).toBe(409);
      expect(await exists('outside/evil.test.yaml')).toBe(false);
      await symlink(path.join(outside, 'secret.yaml'), path.join(dir, 'flows', 'linked.test.yaml'));
      const overLink = await saveScenario(dir, { name: 'linked', yaml: scenario('Evil'), overwrite: true });
      expect(overLink.status).toBe(409);
      expect(await readFile(path.join(outside, 'secret.yaml'), 'utf8')).toBe('secret: outside the project\n');
      await rm(path.join(dir, 'flows', 'linked.test.yaml'));
    });

    it('refuses another method, and a foreign Host', async () => {
      expect((await get(server.url, '/api/scenarios', { method: 'PUT' })).status).toBe(405);
      const res = await post(
        { name: 'rebound', yaml: scenario('Rebound') },
        { Host: 'attacker.example:80', Origin: 'http://attacker.example:80' },
      );
      expect(res.status).toBe(403);
      expect(await exists('flows/rebound.test.yaml')).toBe(false);
    });
  });

  it('listens on 127.0.0.1 by default', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  // The process itself: a watch left open after the failed listen kept it running until killed.
  it('says so and ends with exit code 2 when its port is in use', async () => {
    const port = new URL(server.url).port;
    const child = spawn(process.execPath, [path.join(repo, 'build/compiler/cli/bin.js'), 'studio', '--port', port], { cwd: dir });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      const watchdog = setTimeout(() => {
        child.kill();
        reject(new Error(`watchdog: flowc studio still running after a minute; it said: ${stderr}`));
      }, 60_000);
      child.on('exit', (exitCode) => {
        clearTimeout(watchdog);
        resolve(exitCode);
      });
    });
    expect(stderr).toContain(`Port ${port} is already in use`);
    expect(code).toBe(2);
  }, 120_000);
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
