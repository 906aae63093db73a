// Any SMTP server (Zoho Mail has presets). The host is tenant input, so the server refuses private
// addresses, and refuses `none` (a password in clear) outside development.
import * as z from 'zod/mini';
import { defineProvider, requiredText } from '../define';
import { emailAddress, selectWithDefault } from './common';

export const smtpSecurityOptions = [
  { value: 'tls', label: 'SSL/TLS (usually port 465)' },
  { value: 'starttls', label: 'STARTTLS (usually port 587)' },
  { value: 'none', label: 'None (development only)' },
] as const;

/** Zoho Mail data centres: each swaps the TLD of the SMTP host; the wrong one fails authentication. */
export const zohoDataCentres = [
  { value: 'com', label: 'United States (zoho.com)' },
  { value: 'eu', label: 'Europe (zoho.eu)' },
  { value: 'in', label: 'India (zoho.in)' },
  { value: 'com.au', label: 'Australia (zoho.com.au)' },
  { value: 'jp', label: 'Japan (zoho.jp)' },
  { value: 'com.cn', label: 'China (zoho.com.cn)' },
  { value: 'sa', label: 'Saudi Arabia (zoho.sa)' },
  { value: 'ca', label: 'Canada (zoho.ca)' },
] as const;
export type ZohoDataCentre = (typeof zohoDataCentres)[number]['value'];

/**
 * What the form fills in when the preset changes (the host stays editable, so a Zoho account in
 * another data centre changes `.com` to its own TLD, or the UI uses `zohoHost`).
 */
export const smtpPresets = {
  custom: { label: 'Custom server', host: null, port: 587, security: 'starttls' },
  zoho: { label: 'Zoho Mail (personal or free organisation)', host: 'smtp.zoho.com', port: 465, security: 'tls' },
  zoho_pro: { label: 'Zoho Mail (paid organisation, own domain)', host: 'smtppro.zoho.com', port: 465, security: 'tls' },
} as const satisfies Record<string, { label: string; host: string | null; port: number; security: 'tls' | 'starttls' | 'none' }>;
export type SmtpPreset = keyof typeof smtpPresets;

/** The Zoho SMTP host for a preset and data centre, e.g. smtppro.zoho.eu. */
export function zohoHost(preset: 'zoho' | 'zoho_pro', dataCentre: ZohoDataCentre = 'com'): string {
  return `${preset === 'zoho_pro' ? 'smtppro' : 'smtp'}.zoho.${dataCentre}`;
}

const zohoTlds = zohoDataCentres.map((d) => d.value.replace('.', '\\.')).join('|');
const zohoHostPattern = new RegExp(`^(smtp|smtppro)\\.zoho\\.(${zohoTlds})$`);

const presetIds = Object.keys(smtpPresets) as [SmtpPreset, ...SmtpPreset[]];

export default defineProvider({
  id: 'smtp',
  name: 'SMTP (Zoho Mail or any server)',
  group: 'email',
  description: 'Email sent through your own mail server or a hosted mailbox such as Zoho Mail.',
  docsUrl: 'https://www.zoho.com/mail/help/zoho-smtp.html',
  presets: {
    field: 'preset',
    fill: Object.fromEntries(
      Object.entries(smtpPresets).map(([id, p]) => [id, { ...(p.host ? { host: p.host } : {}), port: String(p.port), security: p.security }]),
    ),
  },
  schema: z.object({
    preset: selectWithDefault(presetIds, 'custom', 'Choose a preset or Custom server.'),
    host: requiredText('SMTP host', 253).check(
      z.toLowerCase(),
      z.regex(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?$|^\[?[0-9a-f:.]+\]?$/, 'Enter only the host name, e.g. smtp.zoho.com (no smtp:// and no port).'),
    ),
    port: z.coerce
      .number('Enter the port, e.g. 465 or 587.')
      .check(z.int('Enter the port as a whole number.'), z.minimum(1, 'Ports run from 1 to 65535.'), z.maximum(65535, 'Ports run from 1 to 65535.')),
    security: z.enum(['tls', 'starttls', 'none'], 'Choose SSL/TLS, STARTTLS or None.'),
    username: requiredText('username', 320),
    password: requiredText('password', 500),
    from_email: emailAddress('from address'),
  }).check(
    z.superRefine((value: { preset: SmtpPreset; host: string; port: number; security: 'tls' | 'starttls' | 'none' }, ctx) => {
      if (value.port === 465 && value.security === 'starttls') {
        ctx.addIssue({ code: 'custom', path: ['security'], message: 'Port 465 uses SSL/TLS from the start; choose SSL/TLS, or port 587 for STARTTLS.' });
      }
      if (value.preset === 'zoho' || value.preset === 'zoho_pro') {
        const match = zohoHostPattern.exec(value.host);
        const wanted = value.preset === 'zoho_pro' ? 'smtppro' : 'smtp';
        if (!match || match[1] !== wanted) {
          ctx.addIssue({
            code: 'custom',
            path: ['host'],
            message: `For this preset the host is ${wanted}.zoho.com, or ${wanted}.zoho.eu, .in, .com.au… for your data centre. Choose Custom server for another host.`,
          });
        }
        if (!((value.port === 465 && value.security === 'tls') || (value.port === 587 && value.security === 'starttls'))) {
          ctx.addIssue({ code: 'custom', path: ['port'], message: 'Zoho Mail takes port 465 with SSL/TLS or port 587 with STARTTLS.' });
        }
      }
    }),
  ),
  fields: {
    preset: {
      label: 'Preset',
      kind: 'select',
      options: presetIds.map((id) => ({ value: id, label: smtpPresets[id].label })),
      help: 'Fills in the host, port and security. Zoho: smtp.zoho.com for personal accounts, smtppro.zoho.com for an organisation’s own domain.',
    },
    host: {
      label: 'SMTP host',
      placeholder: 'smtp.zoho.com',
      help: 'Zoho accounts outside the US change the ending to their data centre: smtp.zoho.eu, smtp.zoho.in, smtp.zoho.com.au…',
      userHost: true,
      env: 'SMTP_HOST',
    },
    port: { label: 'Port', kind: 'number', placeholder: '465', env: 'SMTP_PORT' },
    security: {
      label: 'Security',
      kind: 'select',
      options: smtpSecurityOptions,
      help: 'SSL/TLS for port 465, STARTTLS for 587. None sends the password unencrypted and is refused outside development.',
      env: 'SMTP_SECURITY',
    },
    username: { label: 'Username', placeholder: 'you@yourdomain.com', help: 'Usually the full email address.', env: 'SMTP_USER' },
    password: {
      label: 'Password',
      secret: true,
      help: 'With two-factor sign-in (Zoho included) use an app-specific password.',
      env: 'SMTP_PASSWORD',
    },
    from_email: {
      label: 'From address',
      kind: 'email',
      placeholder: 'hello@yourdomain.com',
      help: 'The mailbox itself or one of its aliases; most servers refuse any other sender.',
      env: 'SMTP_FROM',
    },
  },
});
