// Meta Graph API (WhatsApp Cloud API): /graph/v{NN}.0/{phone_number_id} and
// /graph/v{NN}.0/{waba_id}/phone_numbers, Bearer token; sending is in ./meta-send.ts.
//
// Which numbers a WABA lists: one number of its own (derived from the WABA id) plus every phone
// number id this token has read through the node endpoint (GET /{phone_number_id}), except ids
// starting with 999: those exist but belong to some other WABA. This read-your-own-lookups memory
// is the only state, keyed by token, and only ever adds numbers that do not start with 999, so
// parallel tests cannot change each other's answers. The portal's test reads the node first.
import type { ServerResponse } from 'node:http';
import { bearer, type Route } from '../http';
import { isNotFoundId, json, markerOf, randomId, seedOf, simulated, waitSlow } from './common';
import { metaSendRoutes } from './meta-send';

const MAX_TOKENS = 1000;
const MAX_IDS_PER_TOKEN = 100;

/** Phone number ids each token has looked up (see above). */
export class MetaLookups {
  private byToken = new Map<string, Set<string>>();
  remember(token: string, id: string): void {
    if (id.startsWith('999')) return;
    let ids = this.byToken.get(token);
    if (!ids) {
      if (this.byToken.size >= MAX_TOKENS) this.byToken.delete(this.byToken.keys().next().value!);
      ids = new Set();
      this.byToken.set(token, ids);
    }
    if (ids.size < MAX_IDS_PER_TOKEN) ids.add(id);
  }
  idsFor(token: string): string[] {
    return [...(this.byToken.get(token) ?? [])];
  }
  reset(): void {
    this.byToken.clear();
  }
}

export function graphError(res: ServerResponse, status: number, error: Record<string, unknown>, headers: Record<string, string> = {}) {
  json(res, status, { error: { ...error, fbtrace_id: `A${randomId(10)}` } }, headers);
}

/** The token conventions shared by every Graph route; true when a reply was sent. */
export async function tokenGate(res: ServerResponse, token: string | null): Promise<boolean> {
  if (!token) {
    graphError(res, 400, { message: 'An access token is required to request this resource.', type: 'OAuthException', code: 104 });
    return true;
  }
  const marker = markerOf(token);
  const invalid = { 'www-authenticate': 'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token - Cannot parse access token"' };
  if (marker === 'bad') {
    graphError(res, 401, { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 }, invalid);
    return true;
  }
  if (marker === 'expired') {
    graphError(
      res,
      401,
      { message: 'Error validating access token: Session has expired on Tuesday, 01-Jul-25 10:00:00 PDT.', type: 'OAuthException', code: 190, error_subcode: 463 },
      { 'www-authenticate': 'OAuth "Facebook Platform" "invalid_token" "Error validating access token: Session has expired"' },
    );
    return true;
  }
  if (marker === 'noscope') {
    graphError(res, 403, { message: '(#200) Permissions error', type: 'OAuthException', code: 200 });
    return true;
  }
  if (marker === 'ratelimit') {
    // Faithful: HTTP 400, no Retry-After; the usage header says when access returns (minutes).
    const usage = { '102290129340398': [{ type: 'whatsapp_business_management', call_count: 100, total_cputime: 12, total_time: 15, estimated_time_to_regain_access: 1 }] };
    graphError(res, 400, { message: '(#80007) There have been too many calls to this WhatsApp Business account. Wait a bit and try again.', type: 'OAuthException', code: 80007 }, {
      'x-business-use-case-usage': JSON.stringify(usage),
    });
    return true;
  }
  if (marker === 'slow' && !(await waitSlow(res))) return true;
  return false;
}

export function unsupported(res: ServerResponse, id: string, verb: 'get' | 'post' = 'get') {
  graphError(res, 400, {
    message: `Unsupported ${verb} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    type: 'GraphMethodException',
    code: 100,
    error_subcode: 33,
  });
}

/** A phone number node, deterministic per id. */
function phoneNode(id: string) {
  const seed = seedOf(id);
  return {
    id,
    display_phone_number: `+91 98${String(seed % 1000).padStart(3, '0')} ${String(10000 + (seed % 90000)).slice(-5)}`,
    verified_name: 'Acme Support',
    quality_rating: ['GREEN', 'GREEN', 'YELLOW'][seed % 3]!,
    code_verification_status: 'VERIFIED',
    platform_type: 'CLOUD_API',
  };
}

const pick = (node: Record<string, unknown>, fields: string | null) =>
  fields ? Object.fromEntries(Object.entries(node).filter(([k]) => k === 'id' || fields.split(',').includes(k))) : { id: node.id };

export function metaRoutes(lookups: MetaLookups): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/graph\/v\d+\.\d+\/([^/]+)\/phone_numbers$/,
      async handle({ req, res, url, params }) {
        const token = bearer(req);
        if (await tokenGate(res, token)) return;
        const waba = decodeURIComponent(params[0]!);
        if (!/^\d+$/.test(waba) || isNotFoundId(waba)) return unsupported(res, waba);
        const own = String(100000000000000 + (seedOf(waba) % 899999999999999));
        const ids = [own, ...lookups.idsFor(token!).filter((id) => id !== own)];
        const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 25) || 25));
        const after = url.searchParams.get('after');
        const start = after ? Math.max(0, Number(Buffer.from(after, 'base64url').toString('utf8')) || 0) : 0;
        const slice = ids.slice(start, start + limit);
        const fields = url.searchParams.get('fields');
        const cursor = (n: number) => Buffer.from(String(n)).toString('base64url');
        const paging: Record<string, unknown> = { cursors: { before: cursor(start), after: cursor(start + slice.length) } };
        if (start + limit < ids.length) {
          const next = new URL(url);
          next.searchParams.set('after', cursor(start + slice.length));
          paging.next = `https://graph.facebook.com${next.pathname.replace(/^\/graph/, '')}${next.search}`;
        }
        json(res, 200, { data: slice.map((id) => pick(phoneNode(id), fields)), paging });
      },
    },
    {
      method: 'GET',
      pattern: /^\/graph\/v\d+\.\d+\/([^/]+)$/,
      async handle({ req, res, url, params }) {
        const token = bearer(req);
        if (await tokenGate(res, token)) return;
        const id = decodeURIComponent(params[0]!);
        // Ids starting with 999 exist (they belong to another WABA); non-numeric ids do not.
        if (!/^\d+$/.test(id) || id.toLowerCase().includes('notfound')) return unsupported(res, id);
        lookups.remember(token!, id);
        json(res, 200, pick(phoneNode(id), url.searchParams.get('fields')));
      },
    },
  ];
}

export default simulated('meta', ({ sends, callbacks }) => {
  const lookups = new MetaLookups();
  return { routes: [...metaSendRoutes(sends, callbacks), ...metaRoutes(lookups)], reset: () => lookups.reset() };
});
