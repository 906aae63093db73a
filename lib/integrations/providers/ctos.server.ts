import 'server-only';
import { defineServerProvider, passed, ProbeFailure, rateLimited, unexpected, type ProbeResponse } from '../define.server';
import { asRecord, objectBody } from './common.server';
import ctos, { CTOS_URL_ENV, ctosGateways } from './ctos';
import { badCredentials, ctosPost, ctosRequestTime, ctosSignature } from './ctos-common.server';
import { ctosOperations } from './ctos.operations.server';

export { badCredentials, ctosRequestTime, ctosSignature };

// CTOS publishes no open API reference: the gateway's layout, the signature and the reply shapes are
// a labelled best effort, described in ctos-common.server.ts (shared with the operations). No
// read-only call is known, so the test asks for the status of a reference that cannot exist: a "not
// found" answer means the gateway accepted the key and signature; a key or signature rejection
// means bad credentials. Replies are read loosely because their shape is unknown.

export const CTOS_TEST_REF_ID = 'switchboard-connection-test';

const AUTH_WORDS = /signature|api[\s_-]?key|unauthori[sz]ed|authenticat|forbidden|invalid (key|credential)|access denied/i;
const NOT_FOUND_WORDS = /not\s*found|does\s*not\s*exist|no\s*(such\s*)?record|no\s*transaction|invalid\s*ref/i;

/** The reply's human-readable fields joined, for loose matching (never shown to anyone). */
function replyText(response: ProbeResponse): string | null {
  const body = objectBody(response);
  if (!body) return null;
  const parts: string[] = [];
  const collect = (record: Record<string, unknown> | null) => {
    for (const key of ['status', 'code', 'error', 'error_code', 'message', 'description', 'result']) {
      const value = record?.[key];
      if (typeof value === 'string' || typeof value === 'number') parts.push(String(value));
    }
  };
  collect(body);
  collect(asRecord(body.error));
  collect(asRecord(body.data));
  return parts.join(' ');
}

export default defineServerProvider(ctos, {
  // The tenant enters the gateway; the simulator stands in for it through the field's fallback.
  baseUrls: [{ env: CTOS_URL_ENV, simulatorPath: '/ctos' }],
  operations: ctosOperations,
  async test(credentials, ctx) {
    const response = await ctosPost(credentials, 'get-status', CTOS_TEST_REF_ID, {}, ctx);
    if (response.status === 429) throw rateLimited(response, 'CTOS');
    if (response.status === 401 || response.status === 403) throw badCredentials();
    const text = replyText(response);
    if (text !== null && AUTH_WORDS.test(text)) throw badCredentials();
    const host = new URL(credentials.base_url).host;
    // The dummy reference does not exist: "not found" is the answer that proves the credentials.
    if (text !== null && (response.status === 200 || response.status === 404 || response.status === 400) && NOT_FOUND_WORDS.test(text)) {
      const environment = host === new URL(ctosGateways.production).host ? 'production' : host.includes('uat') ? 'uat' : null;
      return passed(ctx, { host, environment, reference_lookup: 'not found (expected)' });
    }
    if (response.status === 404) {
      throw new ProbeFailure('not_found', 'No CTOS gateway answered at this URL.', `Check the gateway URL, e.g. ${ctosGateways.uat} for UAT.`);
    }
    throw unexpected(response, 'CTOS');
  },
});
