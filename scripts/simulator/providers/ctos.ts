// CTOS eKYC under /ctos (standing in for the gateway URL, which ends in /v2/gateway):
// POST /create-transaction and /get-status.
//
// INVENTED SHAPE. CTOS publishes no API reference; this serves the portal's own invented contract
// (lib/integrations/providers/ctos-common.server.ts and ctos.operations.server.ts) so the portal can
// run end to end. Do not treat these bodies as CTOS's: every answer carries X-Simulated: ctos-invented.
//   - JSON body {api_key, package_name, ref_id, request_time, signature, …}; the signature must be
//     base64 of a 32-byte digest (the simulator never sees the security key, so it cannot check more);
//   - api_key containing bad/expired, or a malformed signature → 401 {status:false, code:"AUTH"};
//     ratelimit → 429 RATE_LIMITED with Retry-After; slow → waits;
//   - create-transaction {…, document_name, document_number, document_type?} → 200 {status:true,
//     code:"000", data:{ref_id, onboarding_id, onboarding_url, expired_at}}; a repeated ref_id (for
//     the same api_key) returns the same transaction;
//   - get-status → the first read in_progress, then completed with result approved, or rejected
//     when the document number contained REJECT, manual_review when it contained REVIEW; an unknown
//     ref_id → 404 {status:false, code:"NOT_FOUND", message:"Transaction not found"}.
// Transactions are remembered per simulator (never the name or document number, only the outcome).
import type { ServerResponse } from 'node:http';
import type { Route } from '../http';
import { json, markerOf, parseJson, RETRY_AFTER_SECONDS, simulated, stableHex, waitSlow } from './common';

const MARK = { 'x-simulated': 'ctos-invented' };
type Result = 'approved' | 'rejected' | 'manual_review';

interface Transaction {
  ref_id: string;
  onboarding_id: string;
  onboarding_url: string;
  expired_at: string;
  result: Result;
  reads: number;
}

const reply = (res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  json(res, status, { status: false, code, message }, { ...MARK, ...headers });

/** "YYYY-MM-DD HH:mm:ss", Malaysia time, as the requests carry it. */
const malaysiaTime = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

const STEPS: Record<Result, { document: string; liveness: string; face_match: string }> = {
  approved: { document: 'passed', liveness: 'passed', face_match: 'passed' },
  rejected: { document: 'passed', liveness: 'passed', face_match: 'failed' },
  manual_review: { document: 'passed', liveness: 'passed', face_match: 'review' },
};

export function ctosRoutes(): { routes: Route[]; reset: () => void } {
  const transactions = new Map<string, Transaction>();

  /** The request's fields once its credentials pass, or null when it has been answered. */
  const accepted = async (res: ServerResponse, raw: string, required: string[]): Promise<Record<string, string> | null> => {
    const input = parseJson(raw);
    const fields = Object.fromEntries(Object.entries(input ?? {}).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : []))) as Record<string, string>;
    if (!input || ['api_key', 'ref_id', 'request_time', 'signature', ...required].some((k) => !fields[k])) {
      reply(res, 400, 'INVALID_REQUEST', 'Missing required parameter');
      return null;
    }
    const marker = markerOf(fields.api_key);
    if (marker === 'bad' || marker === 'expired' || !/^[A-Za-z0-9+/]{43}=$/.test(fields.signature!)) {
      reply(res, 401, 'AUTH', 'Invalid signature');
      return null;
    }
    if (marker === 'ratelimit') {
      reply(res, 429, 'RATE_LIMITED', 'Too many requests', { 'retry-after': String(RETRY_AFTER_SECONDS) });
      return null;
    }
    if (marker === 'slow' && !(await waitSlow(res))) return null;
    return fields;
  };

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: /^\/ctos\/create-transaction$/,
      async handle({ res, body }) {
        const fields = await accepted(res, await body(), ['document_name', 'document_number']);
        if (!fields) return;
        const key = `${fields.api_key}\n${fields.ref_id}`;
        let tx = transactions.get(key);
        if (!tx) {
          const onboardingId = `OB-${stableHex(`${key}\n${Date.now()}`, 12).toUpperCase()}`;
          const documentNumber = fields.document_number!.toUpperCase();
          tx = {
            ref_id: fields.ref_id!,
            onboarding_id: onboardingId,
            onboarding_url: `https://ctos-onboarding.example/ekyc/${onboardingId}`,
            expired_at: malaysiaTime(Date.now() + 24 * 3600_000),
            result: documentNumber.includes('REJECT') ? 'rejected' : documentNumber.includes('REVIEW') ? 'manual_review' : 'approved',
            reads: 0,
          };
          transactions.set(key, tx);
        }
        const { ref_id, onboarding_id, onboarding_url, expired_at } = tx;
        json(res, 200, { status: true, code: '000', message: 'Success', data: { ref_id, onboarding_id, onboarding_url, expired_at } }, MARK);
      },
    },
    {
      method: 'POST',
      pattern: /^\/ctos\/get-status$/,
      async handle({ res, body }) {
        const fields = await accepted(res, await body(), []);
        if (!fields) return;
        const tx = transactions.get(`${fields.api_key}\n${fields.ref_id}`);
        if (!tx) return reply(res, 404, 'NOT_FOUND', 'Transaction not found');
        tx.reads += 1;
        const done = tx.reads > 1;
        json(
          res,
          200,
          {
            status: true,
            code: '000',
            message: 'Success',
            data: {
              ref_id: tx.ref_id,
              onboarding_id: tx.onboarding_id,
              status: done ? 'completed' : 'in_progress',
              result: done ? tx.result : null,
              steps: done ? STEPS[tx.result] : { document: 'passed', liveness: 'pending', face_match: 'pending' },
            },
          },
          MARK,
        );
      },
    },
  ];
  return { routes, reset: () => transactions.clear() };
}

export default simulated('ctos', () => ctosRoutes());
