// A webhook receiver for the portal's outbound webhooks: `POST /_receiver/<name>` records each
// delivery (its headers and body) and answers as the receiver's mode says. Tests, the demo and the
// bench point endpoints at it.
//   PUT    /_control/receiver/<name>   {"mode": "ok"|"500"|"410"|"slow", "delayMs"?}
//   GET    /_control/receiver/<name>   {mode, delayMs, received: [{headers, body, at, answered}]}
//   DELETE /_control/receiver/<name>   forgets the receiver (its mode and what it received)
import { json, sleep, type Route } from './http';

export const receiverModes = ['ok', '500', '410', 'slow'] as const;
export type ReceiverMode = (typeof receiverModes)[number];

export interface Received {
  headers: Record<string, string>;
  body: string;
  at: string;
  answered: number;
}

interface Receiver {
  mode: ReceiverMode;
  delayMs: number;
  received: Received[];
}

const HEADERS = ['content-type', 'user-agent', 'webhook-id', 'webhook-timestamp', 'webhook-signature'];
/** Enough for a bench run; older deliveries are dropped first. */
const KEEP = 10_000;

export class Receivers {
  private readonly byName = new Map<string, Receiver>();

  get(name: string): Receiver {
    let receiver = this.byName.get(name);
    if (!receiver) this.byName.set(name, (receiver = { mode: 'ok', delayMs: 20_000, received: [] }));
    return receiver;
  }

  set(name: string, mode: ReceiverMode, delayMs?: number): Receiver {
    const receiver = this.get(name);
    receiver.mode = mode;
    if (delayMs !== undefined) receiver.delayMs = delayMs;
    return receiver;
  }

  forget(name: string): boolean {
    return this.byName.delete(name);
  }

  reset(): void {
    this.byName.clear();
  }
}

const NAME = '([A-Za-z0-9_.-]{1,64})';

export function receiverRoutes(receivers: Receivers): Route[] {
  return [
    {
      method: 'POST',
      pattern: new RegExp(`^/_receiver/${NAME}$`),
      async handle({ req, res, params, body }) {
        const receiver = receivers.get(params[0]!);
        const text = await body();
        const answered = receiver.mode === '500' ? 500 : receiver.mode === '410' ? 410 : 200;
        const headers = Object.fromEntries(HEADERS.flatMap((h) => (typeof req.headers[h] === 'string' ? [[h, req.headers[h]]] : [])));
        receiver.received.push({ headers, body: text, at: new Date().toISOString(), answered });
        if (receiver.received.length > KEEP) receiver.received.splice(0, receiver.received.length - KEEP);
        if (receiver.mode === 'slow') await sleep(receiver.delayMs);
        json(res, answered, answered === 200 ? { received: true } : { error: answered === 410 ? 'gone' : 'receiver error' });
      },
    },
    {
      method: 'PUT',
      pattern: new RegExp(`^/_control/receiver/${NAME}$`),
      async handle({ res, params, body }) {
        let input: { mode?: unknown; delayMs?: unknown };
        try {
          input = JSON.parse(await body()) as typeof input;
        } catch {
          return json(res, 400, { error: 'body must be JSON' });
        }
        if (!receiverModes.includes(input.mode as ReceiverMode)) return json(res, 400, { error: `mode must be one of ${receiverModes.join(', ')}` });
        const receiver = receivers.set(params[0]!, input.mode as ReceiverMode, typeof input.delayMs === 'number' ? input.delayMs : undefined);
        json(res, 200, { mode: receiver.mode, delayMs: receiver.delayMs });
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/_control/receiver/${NAME}$`),
      handle: ({ res, params }) => {
        const receiver = receivers.get(params[0]!);
        json(res, 200, { mode: receiver.mode, delayMs: receiver.delayMs, received: receiver.received });
      },
    },
    {
      method: 'DELETE',
      pattern: new RegExp(`^/_control/receiver/${NAME}$`),
      handle: ({ res, params }) => json(res, 200, { forgotten: receivers.forget(params[0]!) }),
    },
  ];
}
