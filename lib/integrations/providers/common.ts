// Schema building blocks several provider modules share. Like every client-safe provider module this
// is bundled into the browser, so it imports nothing but zod/mini and ../define.
import * as z from 'zod/mini';
import { blankAsUndefined, opaqueSecret, requiredText } from '../define';

/**
 * A key or secret that travels in a Basic authorization header: printable ASCII only (btoa cannot
 * encode anything else, and no provider issues such characters).
 */
export const asciiSecret = (label: string, max = 500) =>
  requiredText(label, max).check(z.regex(/^[\x21-\x7E]+$/, `The ${label} cannot contain spaces or accented characters.`));

/**
 * An optional write-only secret for accepting callbacks: empty means none, else no spaces and the
 * provider's format.
 */
export const webhookSecret = (label: string, format: RegExp, message: string, max = 500) =>
  z.pipe(z.transform(blankAsUndefined), z.optional(opaqueSecret(label, max).check(z.regex(format, message))));

/** An email address, trimmed. */
export const emailAddress = (label: string) =>
  z.pipe(
    z.string().check(z.trim(), z.minLength(1, `Enter the ${label}.`), z.maxLength(254, `The ${label} is too long.`)),
    z.email(`Enter the ${label} as a plain address, e.g. hello@yourdomain.com.`),
  );

/** A numeric id (Meta's WABA and phone-number ids). */
export const numericId = (label: string) =>
  z.string().check(z.trim(), z.minLength(1, `Enter the ${label}.`), z.regex(/^\d{5,20}$/, `The ${label} is a number of 5 to 20 digits.`));

/** A select whose empty value means `fallback` (forms send '', the environment sends nothing). */
export const selectWithDefault = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number], message: string) =>
  z.pipe(
    z.transform((v: unknown) => (v === undefined || v === null || v === '' ? fallback : v)),
    z.enum(values, message),
  );

// Tenant-entered service URLs (self-hosted DocuSeal, CTOS gateways) -------------------------------

/** A host name or literal that is obviously private: the only place plain http is accepted. */
export function looksPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (v4) {
    const a = Number(v4[1]);
    const b = Number(v4[2]);
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  return host === '::' || host === '::1' || /^f[cd][0-9a-f]{2}:/.test(host) || /^fe[89ab][0-9a-f]:/.test(host) || host.startsWith('::ffff:');
}

/**
 * A base URL a tenant types. The same rule runs in the browser and on the server: https for every
 * public host; plain http only for an obviously private host (a local development server), which
 * the server then refuses anyway unless ALLOW_PRIVATE_PROVIDER_HOSTS is on (requests go out with
 * `userHost: true`). No credentials, query or fragment; trailing slashes are dropped.
 */
export const serviceUrl = (label: string, example: string) =>
  z.pipe(
    z.string().check(
      z.trim(),
      z.minLength(1, `Enter the ${label}.`),
      z.maxLength(500, `The ${label} is too long.`),
      z.superRefine((value, ctx) => {
        let url: URL;
        try {
          url = new URL(value);
        } catch {
          ctx.addIssue({ code: 'custom', message: `Enter the ${label} as a full URL, e.g. ${example}.` });
          return;
        }
        if (url.protocol !== 'https:' && !(url.protocol === 'http:' && looksPrivateHost(url.hostname))) {
          ctx.addIssue({ code: 'custom', message: `The ${label} must start with https://.` });
        } else if (url.username || url.password || url.search || url.hash) {
          ctx.addIssue({ code: 'custom', message: `Enter the ${label} without a user name, query or #fragment.` });
        }
      }),
    ),
    z.transform((value: string) => value.replace(/\/+$/, '')),
  );
