/**
 * A minimal Language Server Protocol client over stdio (JSON-RPC 2.0 with Content-Length framing), enough to
 * drive a real language server in tests: requests, notifications, published diagnostics, and answers to the
 * server's own requests (workspace/configuration).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

type Json = unknown;

export interface PublishedDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  severity?: number;
}

export class LspClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: Json) => void; reject: (e: Error) => void }>();
  private readonly diagnosticWaiters = new Map<string, ((d: PublishedDiagnostic[]) => void)[]>();
  readonly diagnostics = new Map<string, PublishedDiagnostic[]>();
  stderr = '';

  constructor(
    command: string,
    args: string[],
    private readonly settings: Record<string, Json>,
  ) {
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.child.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error(`language server exited: ${this.stderr}`));
      this.pending.clear();
    });
  }

  private send(message: Record<string, Json>): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.onMessage(JSON.parse(body) as Record<string, Json>);
    }
  }

  private onMessage(m: Record<string, Json>): void {
    if (m.id !== undefined && m.method === undefined) {
      const p = this.pending.get(m.id as number);
      this.pending.delete(m.id as number);
      if (m.error) p?.reject(new Error(JSON.stringify(m.error)));
      else p?.resolve(m.result);
      return;
    }
    if (m.method === 'workspace/configuration') {
      const items = (m.params as { items: { section?: string }[] }).items;
      this.send({ id: m.id as number, result: items.map((i) => (i.section ? (this.settings[i.section] ?? null) : this.settings)) });
      return;
    }
    if (m.id !== undefined) {
      // Any other request from the server (capability registration, …): accept it.
      this.send({ id: m.id as number, result: null });
      return;
    }
    if (m.method === 'textDocument/publishDiagnostics') {
      const { uri, diagnostics } = m.params as { uri: string; diagnostics: PublishedDiagnostic[] };
      this.diagnostics.set(uri, diagnostics);
      for (const w of this.diagnosticWaiters.get(uri) ?? []) w(diagnostics);
      this.diagnosticWaiters.delete(uri);
    }
  }

  request<T = Json>(method: string, params: Json): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: Json) => void, reject });
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: Json): void {
    this.send({ method, params });
  }

  /** The next diagnostics published for `uri` (validation runs after a short delay in the server). */
  nextDiagnostics(uri: string): Promise<PublishedDiagnostic[]> {
    return new Promise((resolve) => {
      const list = this.diagnosticWaiters.get(uri) ?? [];
      list.push(resolve);
      this.diagnosticWaiters.set(uri, list);
    });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      this.notify('exit', null);
    } catch {
      // already gone
    }
    this.child.kill();
  }
}
