import 'server-only';
import type * as z from 'zod/mini';
import { implementOperations, type OperationResult } from '@/lib/operations/define.server';
import { submissionStatuses } from '@/lib/validations/operations/signing';
import { ProbeFailure, retryAfterSeconds, unexpected, type ProbeResponse } from '../define.server';
import { asArray, asRecord, asString, objectBody } from './common.server';
import type docuseal from './docuseal';
import { docusealFailure } from './docuseal-common.server';
import { docusealOperations as declarations } from './docuseal.operations';

// DocuSeal's submissions API (POST /submissions, GET /submissions/{id}) with the X-Auth-Token key.
// The base URL is tenant input, so requests go out with `userHost: true`. Every submitter carries
// the portal's request id as external_id, which the signing webhooks echo. Signing links and the
// signers' emails go into the output only: never into details, statuses or messages.

type Credentials = z.output<typeof docuseal.schema>;
type Failure = Extract<OperationResult<unknown>, { ok: false }>;

const idText = (value: unknown): string | null => (typeof value === 'number' && Number.isFinite(value) ? String(value) : asString(value));

/** DocuSeal's own time format ("2026-03-01 00:00:00 UTC"), which every version parses. */
const docusealTime = (iso: string) => `${new Date(iso).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** A provider message without an email address or phone number that may have been quoted in it. */
const scrub = (text: string) =>
  text
    .replace(/[^\s@"',]+@[^\s@"',]+/g, '(an email address)')
    .replace(/\+?\d[\d\s-]{7,}\d/g, '(a number)')
    .slice(0, 300);

/** Which input field a DocuSeal validation message is about, when it names one. */
function fieldOf(message: string): string | undefined {
  if (/template/i.test(message)) return 'templateId';
  if (/submitter|email|role|phone|name/i.test(message)) return 'signers';
  if (/expire/i.test(message)) return 'expireAt';
  if (/message|subject|body/i.test(message) && !/parse/i.test(message)) return 'message';
  return undefined;
}

/** What any DocuSeal call does with an answer other than success. */
function failure(response: ProbeResponse, action: string): Failure {
  const status = response.status;
  if (status === 401) throw docusealFailure(response);
  if (status === 403) {
    throw new ProbeFailure(
      'missing_scope',
      `DocuSeal refused this API key permission to ${action}.`,
      'On DocuSeal cloud, testing and production keys are separate: use the key for the environment you want, from a user allowed to send documents.',
    );
  }
  if (status === 429) {
    const after = retryAfterSeconds(response);
    return { ok: false, kind: 'retry', code: 'rate_limited', message: 'DocuSeal is rate limiting this account.', httpStatus: status, ...(after !== undefined ? { retryAfterSeconds: after } : {}) };
  }
  if (status >= 500) return { ok: false, kind: 'retry', code: 'provider_error', message: `DocuSeal failed to ${action} (HTTP ${status}).`, httpStatus: status };
  const reason = asString(objectBody(response)?.error);
  if (status >= 400 && status < 500 && reason) {
    const message = scrub(reason);
    const field = fieldOf(message);
    return { ok: false, kind: 'rejected', code: 'rejected', message: `DocuSeal refused to ${action}: ${message}.`, httpStatus: status, providerCode: String(status), ...(field ? { field } : {}) };
  }
  if (status === 404) throw docusealFailure(response);
  throw unexpected(response, 'DocuSeal');
}

const headers = (credentials: Credentials) => ({ 'x-auth-token': credentials.api_key, accept: 'application/json' });

export const docusealOperations = implementOperations<Credentials, typeof declarations>(declarations, {
  async create_submission(credentials, input, ctx) {
    const body = {
      template_id: input.templateId,
      send_email: input.sendEmail,
      ...(input.order ? { order: input.order } : {}),
      submitters: input.signers.map((signer) => ({
        email: signer.email,
        ...(signer.name ? { name: signer.name } : {}),
        ...(signer.role ? { role: signer.role } : {}),
        ...(signer.phone ? { phone: signer.phone } : {}),
        external_id: ctx.requestId,
      })),
      ...(input.message ? { message: { subject: input.message.subject, body: input.message.body } } : {}),
      ...(input.expireAt ? { expire_at: docusealTime(input.expireAt) } : {}),
    };
    const response = await ctx.request(`${credentials.base_url}/submissions`, {
      method: 'POST',
      headers: { ...headers(credentials), 'content-type': 'application/json' },
      body: JSON.stringify(body),
      userHost: true,
    });
    if (response.status !== 200 && response.status !== 201) return failure(response, 'create this submission');
    // One entry per submitter, each naming the submission they belong to.
    const submitters = asArray(response.json).map(asRecord);
    const submissionId = idText(submitters[0]?.submission_id);
    if (!submissionId || submitters.some((s) => !s || idText(s.id) === null)) throw unexpected(response, 'DocuSeal');
    const signers = submitters.map((s) => ({
      id: idText(s!.id)!,
      role: asString(s!.role),
      status: asString(s!.status) ?? 'sent',
      signUrl: asString(s!.embed_src),
    }));
    return {
      ok: true,
      httpStatus: response.status,
      output: { submissionId, status: 'pending', signers },
      objectId: submissionId,
      objectStatus: 'pending',
      pending: true,
      details: { template_id: input.templateId, signer_count: signers.length },
    };
  },

  async get_submission(credentials, input, ctx) {
    const response = await ctx.request(`${credentials.base_url}/submissions/${encodeURIComponent(input.submissionId)}`, {
      headers: headers(credentials),
      userHost: true,
    });
    if (response.status === 404) {
      return { ok: false, kind: 'rejected', notFound: true, code: 'not_found', message: 'DocuSeal has no submission with this id.', httpStatus: 404 };
    }
    if (response.status !== 200) return failure(response, 'read this submission');
    const body = objectBody(response);
    const submissionId = idText(body?.id);
    const status = submissionStatuses.find((s) => s === body?.status);
    if (!body || !submissionId || !status) throw unexpected(response, 'DocuSeal');
    const signers = asArray(body.submitters)
      .map(asRecord)
      .filter((s): s is Record<string, unknown> => s !== null && idText(s.id) !== null)
      .map((s) => ({ id: idText(s.id)!, role: asString(s.role), status: asString(s.status) ?? 'awaiting', completedAt: asString(s.completed_at) }));
    const documents = asArray(body.documents)
      .map(asRecord)
      .flatMap((d) => (d && asString(d.name) !== null && asString(d.url) !== null ? [{ name: asString(d.name)!, url: asString(d.url)! }] : []));
    return {
      ok: true,
      httpStatus: 200,
      output: { submissionId, status, completedAt: asString(body.completed_at), expireAt: asString(body.expire_at), signers, documents },
      objectId: submissionId,
      objectStatus: status,
      ...(status === 'completed' ? { settles: 'completed' as const } : status === 'declined' || status === 'expired' ? { settles: 'failed' as const } : {}),
    };
  },
});
