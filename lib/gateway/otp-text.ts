import 'server-only';
import { writeAudit } from '@/lib/audit/write';
import type { Actor } from '@/lib/auth/actor';
import { conflict, forbidden } from '@/lib/http/errors';
import { DEFAULT_OTP_TEXT, type OtpTextInput } from '@/lib/validations/gateway-routing';

// What an organization's OTP and verification-code texts say. Read for every OTP send (by any member
// or token: the text is not a secret, the code is), written by admins with the version they opened,
// so two admins editing at once never silently overwrite each other.

export interface OtpText {
  text: string;
  /** 0 while the organization uses the default. */
  version: number;
  custom: boolean;
}

export async function otpTextOf(actor: Actor): Promise<OtpText> {
  const row = await actor.db((tx) =>
    tx.one<{ otp_text: string; version: number }>(`select otp_text, version from public.sending_settings where organization_id = $1`, [actor.orgId]),
  );
  return row ? { text: row.otp_text, version: row.version, custom: true } : { text: DEFAULT_OTP_TEXT, version: 0, custom: false };
}

/** The text with the code in it. The code is personal data: it lives only in the sealed payload. */
export const withCode = (template: string, code: string) => template.replace('{code}', code);

/** Saves the organization's text; the default text itself (or the same text again) changes nothing. */
export async function saveOtpText(actor: Actor, input: OtpTextInput): Promise<{ changed: boolean; otp: OtpText }> {
  if (actor.role !== 'admin') throw forbidden('Only admins change what one-time-password texts say.');
  const changed = await actor.db(async (tx) => {
    const current = await tx.one<{ otp_text: string; version: number }>(
      `select otp_text, version from public.sending_settings where organization_id = $1 for update`,
      [actor.orgId],
    );
    if (input.expected_version !== undefined && (current?.version ?? 0) !== input.expected_version) {
      throw conflict('Someone changed this text since you opened it. Reload to see theirs.', { otp_text: ['Changed by someone else since you opened it.'] });
    }
    const before = current?.otp_text ?? DEFAULT_OTP_TEXT;
    if (before === input.otp_text) return false;
    if (input.otp_text === DEFAULT_OTP_TEXT) {
      await tx.query(`delete from public.sending_settings where organization_id = $1`, [actor.orgId]);
    } else {
      await tx.query(
        `insert into public.sending_settings (organization_id, otp_text, updated_by) values ($1, $2, $3)
         on conflict (organization_id) do update
           set otp_text = excluded.otp_text, updated_by = excluded.updated_by, updated_at = now(), version = public.sending_settings.version + 1`,
        [actor.orgId, input.otp_text, actor.userId],
      );
    }
    await writeAudit(tx, actor.audit, {
      action: 'gateway.otp_text_changed',
      orgId: actor.orgId,
      targetType: 'sending',
      targetId: 'otp_text',
      changedFields: ['otp_text'],
      metadata: { default: input.otp_text === DEFAULT_OTP_TEXT },
    });
    return true;
  });
  return { changed, otp: await otpTextOf(actor) };
}
