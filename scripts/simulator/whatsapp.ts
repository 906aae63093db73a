// Platform-run WhatsApp endpoints (the ones WHATSAPP_ENDPOINTS lists). Each endpoint has an id in
// its path (`/whatsapp/<id>`) or a port of its own, and a behaviour the tests and the demo can set:
//   healthy  200 {"status":"ok"}
//   slow     the same after `delayMs` (default 5 s)
//   500      500 with an error body
//   401      401, as for a wrong API key
//   refused  nothing listens: only for endpoints with a port of their own (see `dedicated`)
// The health monitor calls GET {apiUrl}/health with `Authorization: Bearer {apiKey}`.
import { bearer, json, sleep, type Route } from './http';

export const whatsappModes = ['healthy', 'slow', '500', '401', 'refused'] as const;
export type WhatsAppMode = (typeof whatsappModes)[number];

export interface EndpointBehaviour {
  mode: WhatsAppMode;
  delayMs: number;
  /** When set, only this key is accepted (any non-empty key is accepted otherwise). */
  apiKey?: string;
}

export interface EndpointStats {
  hits: number;
  /** Arrival times (ms since epoch) of the most recent health requests, newest last. */
  recent: number[];
}

const RECENT_LIMIT = 1000;

export class WhatsAppEndpoints {
  private behaviours = new Map<string, EndpointBehaviour>();
  private stats = new Map<string, EndpointStats>();

  behaviour(id: string): EndpointBehaviour {
    return this.behaviours.get(id) ?? { mode: 'healthy', delayMs: 5000 };
  }

  set(id: string, behaviour: Partial<EndpointBehaviour>): EndpointBehaviour {
    const next = { ...this.behaviour(id), ...behaviour };
    this.behaviours.set(id, next);
    return next;
  }

  statsOf(id: string): EndpointStats {
    return this.stats.get(id) ?? { hits: 0, recent: [] };
  }

  allStats(): Record<string, EndpointStats & { mode: WhatsAppMode }> {
    const ids = new Set([...this.behaviours.keys(), ...this.stats.keys()]);
    return Object.fromEntries([...ids].map((id) => [id, { ...this.statsOf(id), mode: this.behaviour(id).mode }]));
  }

  reset(): void {
    this.behaviours.clear();
    this.stats.clear();
  }

  record(id: string): void {
    const current = this.stats.get(id) ?? { hits: 0, recent: [] };
    current.hits += 1;
    current.recent.push(Date.now());
    if (current.recent.length > RECENT_LIMIT) current.recent.shift();
    this.stats.set(id, current);
  }
}

export function whatsappRoutes(endpoints: WhatsAppEndpoints): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/whatsapp\/([A-Za-z0-9_.-]+)\/health$/,
      async handle({ req, res, params }) {
        const id = params[0]!;
        endpoints.record(id);
        const behaviour = endpoints.behaviour(id);
        const key = bearer(req);
        if (behaviour.mode === 'refused') {
          // On the shared port a refusal can only be imitated by dropping the connection.
          req.socket.destroy();
          return;
        }
        if (!key || behaviour.mode === '401' || (behaviour.apiKey !== undefined && key !== behaviour.apiKey)) {
          json(res, 401, { error: { code: 'unauthorized', message: 'Invalid or missing API key.' } });
          return;
        }
        if (behaviour.mode === '500') {
          json(res, 500, { error: { code: 'internal_error', message: 'The endpoint failed to process the request.' } });
          return;
        }
        if (behaviour.mode === 'slow') {
          const gone = new AbortController();
          res.on('close', () => gone.abort());
          await sleep(behaviour.delayMs, gone.signal);
        }
        json(res, 200, { status: 'ok', endpoint: id, time: new Date().toISOString() });
      },
    },
  ];
}
