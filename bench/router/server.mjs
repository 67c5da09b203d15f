// One bench server in its own process: `node bench/router/server.mjs <variant> <routerFile>`.
// Variants: bare (constant JSON, no routing), router-unsigned, router-signed.
// Prints "listening <port>" once it accepts connections on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [variant, routerFile, secret = ''] = process.argv.slice(2);

let handler;
if (variant === 'bare') {
  // The same bytes the router answers for the benchmarked route, so only routing differs.
  const body = readFileSync(path.join(path.dirname(routerFile), 'expected.json'), 'utf8');
  handler = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(body);
  };
} else if (variant === 'router-unsigned' || variant === 'router-signed') {
  const { createRouter, toNodeHandler } = await import(pathToFileURL(routerFile).href);
  const router = createRouter(variant === 'router-signed' ? { signatureSecret: secret } : { allowUnsigned: true });
  handler = toNodeHandler(router);
} else {
  console.error(`unknown variant ${variant}`);
  process.exit(2);
}

const server = createServer(handler);
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
