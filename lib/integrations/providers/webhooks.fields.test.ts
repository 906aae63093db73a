// What each provider's callbacks need from its credentials: write-only fields with a server
// fallback, optional (the connection works without them), and checked for the provider's format.
import { describe, expect, it } from 'vitest';
import { findServerProvider, serverProviders } from '../registry.server';

const parse = (id: string, input: Record<string, unknown>) => findServerProvider(id)!.schema.safeParse(input);

describe('webhook credential fields', () => {
  it('every provider that sends callbacks declares how they are verified', () => {
    const withWebhook = serverProviders.filter((p) => p.webhook).map((p) => p.id);
    expect(withWebhook.sort()).toEqual(['docuseal', 'exotel_phone', 'exotel_whatsapp', 'meta_whatsapp', 'paypal', 'resend', 'sendgrid', 'stripe', 'twilio', 'zoom']);
  });

  it('names only write-only fields with an environment fallback, and every "for webhooks" field is one of them', () => {
    for (const provider of serverProviders) {
      const named = provider.webhook?.secretFields ?? [];
      for (const field of named) {
        const spec = (provider.fields as Record<string, { secret?: boolean; env?: string } | undefined>)[field];
        expect(spec?.secret, `${provider.id}.${field}`).toBe(true);
        expect(spec?.env, `${provider.id}.${field}`).toMatch(/^[A-Z][A-Z0-9_]+$/);
      }
      for (const [field, spec] of Object.entries(provider.fields as Record<string, { label: string }>)) {
        if (/for webhooks/.test(spec.label)) expect(named, `${provider.id}.${field}`).toContain(field);
      }
    }
  });

  it('keeps them optional: a blank value is no value', () => {
    const stripe = parse('stripe', { secret_key: 'sk_test_abc123', webhook_secret: '' });
    expect(stripe.success && stripe.data).toMatchObject({ webhook_secret: undefined });
    expect(parse('resend', { api_key: 're_abc', from_email: 'a@example.com' }).success).toBe(true);
    expect(parse('zoom', { account_id: 'acc', client_id: 'id', client_secret: 'secret', webhook_secret_token: '' }).success).toBe(true);
    expect(parse('docuseal', { api_key: 'key', webhook_secret: '', webhook_header: '' }).success).toBe(true);
  });

  it('checks the provider’s format', () => {
    expect(parse('stripe', { secret_key: 'sk_test_abc123', webhook_secret: 'whsec_Ab12' }).success).toBe(true);
    expect(parse('stripe', { secret_key: 'sk_test_abc123', webhook_secret: 'sk_test_abc' }).success).toBe(false);
    expect(parse('resend', { api_key: 're_abc', from_email: 'a@example.com', webhook_secret: 'whsec_c2VjcmV0' }).success).toBe(true);
    expect(parse('resend', { api_key: 're_abc', from_email: 'a@example.com', webhook_secret: 'whsec_not base64' }).success).toBe(false);
    const sendgrid = { api_key: `SG.${'a'.repeat(22)}.${'b'.repeat(43)}`, from_email: 'a@example.com' };
    expect(parse('sendgrid', { ...sendgrid, webhook_public_key: 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE' }).success).toBe(true);
    expect(parse('sendgrid', { ...sendgrid, webhook_public_key: '-----BEGIN PUBLIC KEY-----' }).success).toBe(false);
    expect(parse('docuseal', { api_key: 'key', webhook_header: 'X-Webhook-Token: s3cret' }).success).toBe(true);
    expect(parse('docuseal', { api_key: 'key', webhook_header: 's3cret' }).success).toBe(false);
    expect(parse('paypal', { client_id: 'id', client_secret: 'secret', mode: 'live', webhook_id: '8PT597110X687430LKGECATA' }).success).toBe(true);
    expect(parse('paypal', { client_id: 'id', client_secret: 'secret', mode: 'live', webhook_id: 'WH id' }).success).toBe(false);
  });
});
