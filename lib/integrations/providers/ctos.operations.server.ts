import 'server-only';
import type * as z from 'zod/mini';
import { implementOperations, type OperationResult } from '@/lib/operations/define.server';
import { checkStatuses } from '@/lib/validations/operations/kyc';
import { ProbeFailure, retryAfterSeconds, unexpected, type ProbeResponse } from '../define.server';
import { asRecord, asString, objectBody } from './common.server';
import type ctos from './ctos';
import { ctosGateways } from './ctos';
import { badCredentials, ctosPost } from './ctos-common.server';
import { ctosOperations as declarations } from './ctos.operations';

// CTOS eKYC identity checks. CTOS publishes no API reference, so the request and answer shapes
// below are THE PROJECT'S OWN INVENTION, not CTOS's: they follow the layout of ctos-common.server.ts
// (JSON POSTs to {gateway}/create-transaction and {gateway}/get-status, the gateway URL ending in
// /v2/gateway, the body signed with the security key) and answers of the form
// {"status": true|false, "code": "000"|"AUTH"|"NOT_FOUND"|…, "message"?, "data": {…}}. They live in
// this one module so it can be replaced when CTOS's real contract is at hand; the simulator serves
// the same invention and marks every answer `X-Simulated: ctos-invented`.
//
// The call's idempotency key is the check's ref_id, so a repeat returns the same onboarding. Names
// and document numbers go to CTOS only: never into details, statuses or messages (CTOS's own
// messages are not quoted, in case they echo them).

type Credentials = z.output<typeof ctos.schema>;
type Failure = Extract<OperationResult<unknown>, { ok: false }>;

const codeOf = (response: ProbeResponse) => asString(objectBody(response)?.code);
const isSuccess = (response: ProbeResponse) => response.status === 200 && objectBody(response)?.status === true;

/** What either call does with an answer other than success. */
function failure(response: ProbeResponse, action: string): Failure {
  const status = response.status;
  const code = codeOf(response);
  if (status === 401 || status === 403 || code === 'AUTH') throw badCredentials();
  if (status === 429) {
    const after = retryAfterSeconds(response);
    return { ok: false, kind: 'retry', code: 'rate_limited', message: 'CTOS is rate limiting this account.', httpStatus: status, ...(after !== undefined ? { retryAfterSeconds: after } : {}) };
  }
  if (status >= 500) return { ok: false, kind: 'retry', code: 'provider_error', message: `CTOS failed to ${action} (HTTP ${status}).`, httpStatus: status };
  if (status === 404 && code !== 'NOT_FOUND') {
    throw new ProbeFailure('not_found', 'No CTOS gateway answered at this URL.', `Check the gateway URL, e.g. ${ctosGateways.uat} for UAT.`);
  }
  if ((status >= 400 && status < 500) || (status === 200 && code && code !== '000')) {
    const text = `${code ?? ''} ${asString(objectBody(response)?.message) ?? ''}`;
    const field = /document|nric|mykad|passport/i.test(text) ? 'documentNumber' : /name/i.test(text) ? 'fullName' : undefined;
    return {
      ok: false,
      kind: 'rejected',
      code: 'rejected',
      message: `CTOS refused to ${action}${code ? ` (code ${code.slice(0, 40)})` : ''}.`,
      httpStatus: status,
      ...(code ? { providerCode: code.slice(0, 40) } : {}),
      ...(field ? { field } : {}),
    };
  }
  throw unexpected(response, 'CTOS');
}

export const ctosOperations = implementOperations<Credentials, typeof declarations>(declarations, {
  async create_check(credentials, input, ctx) {
    const refId = ctx.idempotencyKey;
    const response = await ctosPost(
      credentials,
      'create-transaction',
      refId,
      { document_name: input.fullName, document_number: input.documentNumber, document_type: input.documentType },
      ctx,
    );
    if (!isSuccess(response)) return failure(response, 'start this check');
    const data = asRecord(objectBody(response)?.data);
    const onboardingId = asString(data?.onboarding_id);
    const onboardingUrl = asString(data?.onboarding_url);
    if (!data || !onboardingId || !onboardingUrl) throw unexpected(response, 'CTOS');
    const checkId = asString(data.ref_id) ?? refId;
    return {
      ok: true,
      httpStatus: 200,
      output: { checkId, onboardingId, onboardingUrl, status: 'pending', expiresAt: asString(data.expired_at) },
      objectId: checkId,
      objectStatus: 'pending',
      pending: true,
      details: { onboarding_id: onboardingId, document_type: input.documentType },
    };
  },

  async get_check(credentials, input, ctx) {
    const response = await ctosPost(credentials, 'get-status', input.checkId, {}, ctx);
    if (response.status === 404 && codeOf(response) === 'NOT_FOUND') {
      return { ok: false, kind: 'rejected', notFound: true, code: 'not_found', message: 'CTOS has no check with this id.', httpStatus: 404, providerCode: 'NOT_FOUND' };
    }
    if (!isSuccess(response)) return failure(response, 'read this check');
    const data = asRecord(objectBody(response)?.data);
    const status = checkStatuses.find((s) => s === data?.status);
    const onboardingId = asString(data?.onboarding_id);
    if (!data || !status || !onboardingId) throw unexpected(response, 'CTOS');
    const result = asString(data.result);
    const steps = asRecord(data.steps);
    const settles =
      status === 'completed' && result === 'approved'
        ? ('completed' as const)
        : result === 'rejected' || status === 'expired' || status === 'failed'
          ? ('failed' as const)
          : undefined;
    return {
      ok: true,
      httpStatus: 200,
      output: {
        checkId: asString(data.ref_id) ?? input.checkId,
        onboardingId,
        status,
        result,
        steps: { document: asString(steps?.document), liveness: asString(steps?.liveness), faceMatch: asString(steps?.face_match) },
      },
      objectId: input.checkId,
      objectStatus: result ?? status,
      ...(settles ? { settles } : {}),
    };
  },
});
