import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { freshOrganization, seededDatabase, type FreshOrganization } from '@/tests/db';
import { providerCases } from '@/tests/provider-cases';
import { simulatorForTests } from '@/tests/simulator';
import { saveIntegration } from '@/lib/integrations/write';
import { keyring } from '@/lib/crypto/keyring';
import { open } from '@/lib/crypto/envelope';
import { AppError } from '@/lib/http/errors';
import { DEFAULT_OTP_TEXT, otpTextSchema } from '@/lib/validations/gateway-routing';
import { acceptSend, payloadContext } from './accept';
import { smsCodeRequest } from './messages';
import { otpTextOf, saveOtpText } from './otp-text';

// An organization's own OTP words: saved by admins only, with the version they opened; used for
// every OTP its members and tokens send (sealed with the code); other organizations keep theirs.

const db = seededDatabase();
const env = simulatorForTests();
/** An organization that sends SMS through Twilio (the simulator's). */
async function organization(): Promise<FreshOrganization> {
  const org = await freshOrganization(db.owner, { members: ['admin', 'manager', 'agent'] });
  await saveIntegration(org.member('admin').actor, 'twilio', { display_name: 'Twilio', credentials: providerCases(env.sim).twilio!.good as Record<string, string>, save_unverified: false });
  return org;
}
const admin = (org: FreshOrganization) => org.member('admin').actor;

/** The text an OTP request would carry to the provider, opened from its sealed payload. */
async function sentText(org: FreshOrganization, role: 'admin', code: string): Promise<string> {
  const actor = org.member(role).actor;
  const request = await smsCodeRequest({ phoneNumber: '+14155550190', code }, actor);
  const accepted = await acceptSend(actor, request, { key: null, body: {}, path: '/api/v1/integrations/sms/otp' });
  const id = (accepted.body as { id: string }).id;
  const row = (await db.owner.query<{ payload_sealed: string }>(`select payload_sealed from outbound_requests where id = $1`, [id])).rows[0]!;
  return (JSON.parse(open(keyring(), payloadContext(org.id, id), row.payload_sealed)) as { text: string }).text;
}

const audits = async (org: FreshOrganization) =>
  (await db.owner.query(`select metadata from integration_audit_logs where org_id = $1 and action = 'gateway.otp_text_changed' order by id`, [org.id])).rows;

describe('what one-time-password texts say', () => {
  it('is the default until an admin writes the organization’s own, then every OTP the organization sends uses it', async () => {
    const org = await organization();
    const other = await organization();
    expect(await otpTextOf(admin(org))).toEqual({ text: DEFAULT_OTP_TEXT, version: 0, custom: false });
    expect(await sentText(org, 'admin', '111111')).toBe(DEFAULT_OTP_TEXT.replace('{code}', '111111'));

    const saved = await saveOtpText(admin(org), { otp_text: 'Acme code: {code}. Valid 5 minutes.', expected_version: 0 });
    expect(saved).toEqual({ changed: true, otp: { text: 'Acme code: {code}. Valid 5 minutes.', version: 1, custom: true } });
    expect(await sentText(org, 'admin', '222222')).toBe('Acme code: 222222. Valid 5 minutes.');
    expect(await sentText(other, 'admin', '333333')).toBe(DEFAULT_OTP_TEXT.replace('{code}', '333333'));
    expect(await audits(org)).toEqual([{ metadata: { default: false } }]);
  });

  it('changes nothing for the same words, goes back to the default, and records each change once', async () => {
    const org = await organization();
    await saveOtpText(admin(org), { otp_text: 'Code {code}, from Acme.', expected_version: 0 });
    expect((await saveOtpText(admin(org), { otp_text: 'Code {code}, from Acme.', expected_version: 1 })).changed).toBe(false);
    const back = await saveOtpText(admin(org), { otp_text: DEFAULT_OTP_TEXT, expected_version: 1 });
    expect(back).toEqual({ changed: true, otp: { text: DEFAULT_OTP_TEXT, version: 0, custom: false } });
    expect(await audits(org)).toEqual([{ metadata: { default: false } }, { metadata: { default: true } }]);
  });

  it('refuses managers and agents, and an edit made on a page someone else has saved since', async () => {
    const org = await organization();
    for (const role of ['manager', 'agent'] as const) {
      await expect(saveOtpText(org.member(role).actor, { otp_text: 'Yours: {code}', expected_version: 0 })).rejects.toMatchObject({ status: 403 });
    }
    await saveOtpText(admin(org), { otp_text: 'First {code} words', expected_version: 0 });
    const stale = await saveOtpText(admin(org), { otp_text: 'Second {code} words', expected_version: 0 }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(AppError);
    expect((stale as AppError).status).toBe(409);
    expect((await otpTextOf(admin(org))).text).toBe('First {code} words');
    expect(await audits(org)).toHaveLength(1);
  });

  it('needs {code} exactly once, and a length that fits a text', () => {
    const problem = (otp_text: string) => {
      const parsed = z.safeParse(otpTextSchema, { otp_text });
      return parsed.success ? null : z.flattenError(parsed.error).fieldErrors.otp_text?.[0];
    };
    expect(problem('Your code is here')).toBe('Write {code} exactly once, where the code goes.');
    expect(problem('{code} and {code} again')).toBe('Write {code} exactly once, where the code goes.');
    expect(problem('{code}')).toBe('Write at least a short sentence around the code.');
    expect(problem(`{code} ${'x'.repeat(300)}`)).toBe('Keep it under 300 characters: longer texts cost several SMS each.');
    expect(problem('  Code: {code}  ')).toBeNull();
  });
});
