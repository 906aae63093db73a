// The provider simulator: a local HTTP server that answers like the providers' APIs, so tests and the
// demo exercise the portal over real HTTP. Started by `npm run dev`, by the end-to-end tests, and
// in-process by integration tests and benchmarks. Loopback only; it has no authentication of its own.
//
// Control API (tests and operators):
//   GET  /_control/whatsapp              every endpoint's mode and hit count
//   GET  /_control/whatsapp/<id>         one endpoint's behaviour and stats
//   PUT  /_control/whatsapp/<id>         {"mode": "healthy"|"slow"|"500"|"401"|"refused", "delayMs"?, "apiKey"?}
//   GET  /_control/providers             requests each simulated provider API has received
//   GET  /_control/sent                  every send received, oldest first: [{provider, kind
//                                        ("message"|"call"|"email"), to, providerId, idempotencyKey?,
//                                        bodySha256, at, outcome}]; filters ?provider=&to=&kind=&outcome=
//   DELETE /_control/sent                forgets the sends (not the retry counters): {"cleared": n}
//   PUT  /_control/send                  {"slowMs": n}: how long a `slow` recipient's answer waits
//   PUT  /_control/webhooks/<provider>   where and how simulated providers send their signed
//                                        callbacks after a send (./webhooks/callbacks.ts)
//   GET  /_control/webhooks/deliveries   the callbacks sent and how the portal answered
//   POST /_control/reset                 every endpoint back to healthy, counters to zero, sends,
//                                        retry counters, idempotency keys, slowMs, callback
//                                        settings and receivers forgotten
//   PUT  /_control/receiver/<name>       {"mode": "ok"|"500"|"410"|"slow", "delayMs"?}: how the webhook
//                                        receiver POST /_receiver/<name> answers (./receiver.ts)
//   GET  /_control/receiver/<name>       its mode and every delivery received: [{headers, body, at, answered}]
//   DELETE /_control/receiver/<name>     forgets the receiver
//
// Sends (messages, calls, emails) take their behaviour from the recipient as well as from the
// credential: a number or address containing 401, 429, 500, slow or dup (./providers/sends.ts).
// Outcomes: accepted, replayed (a Resend idempotent repeat: nothing sent), rate_limited,
// server_error, unauthorized, rejected (validation and other 4xx).
//
// Simulated provider APIs (Exotel, Meta, Twilio, Resend, SendGrid, Stripe, PayPal, Zoom, Google,
// DocuSeal, CTOS) live under path prefixes on the same port, with an SMTP server beside it; their value conventions and simulatorProviderEnv() are in ./providers/index.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { json, readBody, type Route } from './http';
import { receiverRoutes, Receivers } from './receiver';
import { providerRoutes, ProviderSimState, sentControlRoutes, startSmtpSimulator, type SmtpSimulator } from './providers';
import { whatsappModes, whatsappRoutes, WhatsAppEndpoints, type WhatsAppMode } from './whatsapp';

export interface SimulatorOptions {
  port?: number;
  host?: string;
  /** WhatsApp endpoint ids that get a port of their own (0 = any free port), so `refused` is real. */
  dedicated?: Record<string, number>;
  /** The SMTP simulator's port (default 0 = any free port). */
  smtpPort?: number;
  /** How long a `slow` recipient's send waits before its answer (default 15 s). */
  sendSlowMs?: number;
}

export interface Simulator {
  url: string;
  port: number;
  whatsapp: WhatsAppEndpoints;
  /** The SMTP simulator's port (plain SMTP on the same host). */
  smtpPort: number;
  /** Request counts of the simulated provider APIs, the sends they received (`providers.sends`), and their memory. */
  providers: ProviderSimState;
  /** Webhook receivers (POST /_receiver/<name>) and what each received. */
  receivers: Receivers;
  /** Base URL a WhatsApp endpoint should be configured with (its own port, if it has one). */
  whatsappUrl(id: string): string;
  setWhatsApp(id: string, mode: WhatsAppMode, options?: { delayMs?: number; apiKey?: string }): Promise<void>;
  close(): Promise<void>;
}

/** A listener that can be closed (refusing connections) and opened again on the same port. */
class Listener {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  constructor(
    private readonly handler: (req: IncomingMessage, res: ServerResponse) => void,
    private readonly host: string,
    public port: number,
  ) {}

  async open(): Promise<void> {
    if (this.server) return;
    const server = createServer(this.handler);
    server.keepAliveTimeout = 5000;
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const whatsapp = new WhatsAppEndpoints();
  const providerState = new ProviderSimState({ sendSlowMs: options.sendSlowMs });
  const receivers = new Receivers();
  const routes: Route[] = [...whatsappRoutes(whatsapp), ...providerRoutes(providerState), ...receiverRoutes(receivers)];
  const dedicated = new Map<string, Listener>();

  const applyMode = async (id: string) => {
    const listener = dedicated.get(id);
    if (!listener) return;
    if (whatsapp.behaviour(id).mode === 'refused') await listener.close();
    else await listener.open();
  };

  const control: Route[] = [
    { method: 'GET', pattern: /^\/_control\/whatsapp$/, handle: ({ res }) => json(res, 200, whatsapp.allStats()) },
    {
      method: 'GET',
      pattern: /^\/_control\/whatsapp\/([A-Za-z0-9_.-]+)$/,
      handle: ({ res, params }) => json(res, 200, { ...whatsapp.behaviour(params[0]!), ...whatsapp.statsOf(params[0]!) }),
    },
    {
      method: 'PUT',
      pattern: /^\/_control\/whatsapp\/([A-Za-z0-9_.-]+)$/,
      async handle({ res, params, body }) {
        let input: { mode?: unknown; delayMs?: unknown; apiKey?: unknown };
        try {
          input = JSON.parse(await body()) as typeof input;
        } catch {
          return json(res, 400, { error: 'body must be JSON' });
        }
        if (!whatsappModes.includes(input.mode as WhatsAppMode)) {
          return json(res, 400, { error: `mode must be one of ${whatsappModes.join(', ')}` });
        }
        const id = params[0]!;
        const behaviour = whatsapp.set(id, {
          mode: input.mode as WhatsAppMode,
          ...(typeof input.delayMs === 'number' ? { delayMs: input.delayMs } : {}),
          ...(typeof input.apiKey === 'string' ? { apiKey: input.apiKey } : {}),
        });
        await applyMode(id);
        json(res, 200, { mode: behaviour.mode, delayMs: behaviour.delayMs });
      },
    },
    { method: 'GET', pattern: /^\/_control\/providers$/, handle: ({ res }) => json(res, 200, providerState.allHits()) },
    ...sentControlRoutes(providerState.sends),
    ...providerState.callbacks.routes(),
    {
      method: 'POST',
      pattern: /^\/_control\/reset$/,
      async handle({ res }) {
        whatsapp.reset();
        providerState.reset();
        receivers.reset();
        await Promise.all([...dedicated.values()].map((l) => l.open()));
        json(res, 200, { ok: true });
      },
    },
  ];

  const dispatch = (rewrite?: (path: string) => string) => (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? host}`);
    const path = rewrite ? rewrite(url.pathname) : url.pathname;
    for (const route of [...control, ...routes]) {
      const match = route.pattern.exec(path);
      if (!match || route.method !== req.method) continue;
      Promise.resolve(route.handle({ req, res, url, params: match.slice(1), body: () => readBody(req) })).catch(() =>
        json(res, 500, { error: 'simulator error' }),
      );
      return;
    }
    json(res, 404, { error: 'not found' });
  };

  const main = new Listener(dispatch(), host, options.port ?? 0);
  await main.open();
  for (const [id, port] of Object.entries(options.dedicated ?? {})) {
    // A dedicated port serves one endpoint at its root: GET /health there is GET /whatsapp/<id>/health.
    const listener = new Listener(dispatch((path) => (path.startsWith('/_control') ? path : `/whatsapp/${id}${path}`)), host, port);
    await listener.open();
    dedicated.set(id, listener);
  }

  let smtp: SmtpSimulator;
  try {
    smtp = await startSmtpSimulator({ port: options.smtpPort ?? 0, host, sends: providerState.sends });
  } catch (error) {
    await Promise.all([main.close(), ...[...dedicated.values()].map((l) => l.close())]);
    throw error;
  }

  const url = `http://${host}:${main.port}`;
  return {
    url,
    port: main.port,
    whatsapp,
    smtpPort: smtp.port,
    providers: providerState,
    receivers,
    whatsappUrl: (id) => {
      const listener = dedicated.get(id);
      return listener ? `http://${host}:${listener.port}` : `${url}/whatsapp/${id}`;
    },
    async setWhatsApp(id, mode, opts = {}) {
      whatsapp.set(id, { mode, ...opts });
      await applyMode(id);
    },
    async close() {
      await Promise.all([main.close(), ...[...dedicated.values()].map((l) => l.close()), smtp.close()]);
    },
  };
}
