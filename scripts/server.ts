// The portal's production HTTP server: Next's request handler behind a plain node:http server, so
// that the client's address comes from the socket (and from X-Forwarded-For only as far as the
// configured proxies vouch for it), never from what a client writes. `npm start`, the end-to-end
// tests and the benchmarks run it on PORT (default 3000), on every interface as `next start` does.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import next from 'next';
import { CLIENT_ADDRESS_HEADER_ENV, clientAddress, parseProxyTrust } from '@/lib/http/client-ip';
import { root } from './lib/local-env';

const trust = parseProxyTrust(process.env.TRUSTED_PROXY_COUNT, process.env.TRUSTED_PROXIES);
// Random per process: a client cannot send a header whose name it cannot know.
const header = `x-switchboard-client-${randomBytes(12).toString('hex')}`;
process.env[CLIENT_ADDRESS_HEADER_ENV] = header;

const port = Number(process.env.PORT ?? 3000);
const app = next({ dev: false, dir: root, port, hostname: 'localhost' });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trust);
  if (address) req.headers[header] = address;
  else delete req.headers[header];
  void handle(req, res);
});
server.listen(port, () => console.log(`Switchboard ready on http://localhost:${port}`));

const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
