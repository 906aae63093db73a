// The portal's production HTTP server: Next's request handler behind a plain node:http server, so
// that the client's address comes from the socket (and from X-Forwarded-For only as far as the
// configured proxies vouch for it), never from what a client writes. `npm start`, the end-to-end
// tests and the benchmarks run it on PORT (default 3000), on every interface as `next start` does.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import next from 'next';
import { CLIENT_ADDRESS_HEADER_ENV, clientAddress, parseProxyTrust } from '@/lib/http/client-ip';
import { root } from './lib/local-env';

const trust = parseProxyTrust(process.env.TRUSTED_PROXY_COUNT, process.env.TRUSTED_PROXIES);
// Random per process: a client cannot send a header whose name it cannot know.
const header = `x-switchboard-client-${randomBytes(12).toString('hex')}`;
process.env[CLIENT_ADDRESS_HEADER_ENV] = header;

// Responses are compressed here rather than by Next (next.config.mjs: compress: false), with the same
// middleware Next uses but at zlib's fastest level: at the default level 6 a 100 KiB page costs ~4.6 ms
// of the one thread that renders every page, at level 1 ~1.7 ms, for about 18 % more bytes.
type Middleware = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;
const require = createRequire(import.meta.url);
const compression = require('next/dist/compiled/compression') as (options: zlib.ZlibOptions) => Middleware;
const { releaseCompressionStream } = require('next/dist/server/lib/release-compression-stream') as { releaseCompressionStream(res: http.ServerResponse): void };
const compress = compression({ level: zlib.constants.Z_BEST_SPEED });

/**
 * Next flushes the compressor after every chunk it writes, and React writes a page ~2 KiB at a time: a
 * 150 KiB page cost ~75 sync flushes and as many socket writes. Flushing once per turn of the event loop
 * still sends each part of the page as soon as rendering pauses (to wait for data), in a few writes.
 */
function coalesceFlushes(res: http.ServerResponse & { flush?: () => void }) {
  const flush = res.flush;
  if (!flush) return;
  let queued = false;
  res.flush = () => {
    if (queued) return;
    queued = true;
    setImmediate(() => {
      queued = false;
      if (!res.writableEnded) flush.call(res);
    });
  };
}

const port = Number(process.env.PORT ?? 3000);
const app = next({ dev: false, dir: root, port, hostname: 'localhost' });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trust);
  if (address) req.headers[header] = address;
  else delete req.headers[header];
  compress(req, res, () => undefined);
  coalesceFlushes(res);
  // As Next does: a client that disconnects mid-response would otherwise leave the zlib stream open.
  res.once('close', () => {
    if (!res.writableFinished) releaseCompressionStream(res);
  });
  void handle(req, res);
});
server.listen(port, () => console.log(`Switchboard ready on http://localhost:${port}`));

const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
