import { describe, expect, it } from 'vitest';
import { toAppError } from '@/lib/http/errors';
import { signInSchema } from './auth';
import { healthStatusSchema, integrationTypeSchema, orgRoleSchema } from './common';
import { auditFilterSchema } from './audit';
import { createInvitationSchema, joinWithAccountSchema } from './membership';
import { numberFilterSchema, primaryNumberSchema } from './phone-numbers';
import { deleteIntegrationSchema, saveIntegrationSchema } from './integrations';
import { endpointSettingsSchema, tenantListSchema } from './whatsapp';
import * as z from 'zod/mini';

const fieldErrors = (result: { success: boolean; error?: z.core.$ZodError }) => (result.error ? z.flattenError(result.error).fieldErrors : {});

describe('shared schemas (zod/mini) word failures as the forms always have', () => {
  it('sign-in: custom messages, and English defaults where none is given', () => {
    expect(fieldErrors(signInSchema.safeParse({ email: '', password: '' }))).toEqual({
      email: ['Enter a valid email address.'],
      password: ['Enter your password.'],
    });
    expect(fieldErrors(signInSchema.safeParse({ email: 'a@b.co', password: 'x'.repeat(201) }))).toEqual({
      password: ['Too big: expected string to have <=200 characters'],
    });
    expect(signInSchema.parse({ email: 'Ana@Acme.Example', password: 'p' })).toEqual({ email: 'ana@acme.example', password: 'p' });
  });

  it('invitations: a blank email means anyone, days arrive as strings', () => {
    expect(createInvitationSchema.parse({ role: 'agent', email: '  ', expires_in_days: '7' })).toEqual({ role: 'agent', expires_in_days: 7 });
    expect(fieldErrors(createInvitationSchema.safeParse({ role: 'boss', email: 'nope', expires_in_days: 3 }))).toEqual({
      role: ['Choose admin, manager or agent.'],
      email: ['Enter a valid email, or leave it empty.'],
      expires_in_days: ['Choose 1, 7 or 14 days.'],
    });
    expect(fieldErrors(joinWithAccountSchema.safeParse({ token: 'x', name: ' ', email: 'a@b.co', password: 'short' }))).toEqual({
      token: ['This invitation link is not valid.'],
      name: ['Enter your name.'],
      password: ['Use at least 12 characters.'],
    });
  });

  it('endpoint settings: range messages per field', () => {
    const result = endpointSettingsSchema.safeParse({ endpoint_name: '', health_check_interval: 5, webhook_retries: 1.5, message_timeout: 'x' });
    expect(fieldErrors(result)).toEqual({
      endpoint_name: ['Choose an endpoint.'],
      health_check_interval: ['Health check interval must be between 10 and 3600 seconds.'],
      webhook_retries: ['Webhook retries must be a whole number.'],
      message_timeout: ['Message timeout must be a number of seconds.'],
    });
  });

  it('URL filters: blanks are no filter, a bad page falls back to the first', () => {
    expect(tenantListSchema.parse({ q: '', health: '', endpoint: '', page: 'abc' })).toEqual({ page: 1 });
    expect(numberFilterSchema.parse({ q: '', status: 'assigned', page: '3' })).toEqual({ status: 'assigned', page: 3 });
    expect(fieldErrors(numberFilterSchema.safeParse({ source: 'Bad Source' }))).toEqual({ source: ['Unknown source.'] });
    expect(fieldErrors(auditFilterSchema.safeParse({ from: '2026-02-01', to: '2026-01-01' }))).toEqual({ to: ['The start date must not be after the end date.'] });
  });

  it('envelopes default what the caller leaves out', () => {
    expect(saveIntegrationSchema.parse({})).toEqual({ credentials: {}, save_unverified: false });
    expect(deleteIntegrationSchema.parse(undefined)).toEqual({});
    expect(primaryNumberSchema.parse(undefined)).toEqual({});
    expect(fieldErrors(saveIntegrationSchema.safeParse({ display_name: ' ', expected_version: 0 }))).toEqual({
      display_name: ['Enter a display name.'],
      expected_version: ['Too small: expected number to be >=1'],
    });
  });

  it('small shared schemas', () => {
    expect(integrationTypeSchema().safeParse('exotel_phone').success).toBe(true);
    expect(integrationTypeSchema().safeParse('Exotel').error?.issues[0]?.message).toBe('Unknown integration.');
    expect(orgRoleSchema.safeParse('owner').error?.issues[0]?.message).toBe('Choose admin, manager or agent.');
    expect(healthStatusSchema.options).toEqual(['unknown', 'healthy', 'degraded', 'unhealthy']);
  });

  it('a route handler answers a failed parse with 422 and the fields', () => {
    let thrown: unknown;
    try {
      signInSchema.parse({ email: 'x', password: '' });
    } catch (error) {
      thrown = error;
    }
    const appError = toAppError(thrown);
    expect(appError.status).toBe(422);
    expect(appError.fields).toEqual({ email: ['Enter a valid email address.'], password: ['Enter your password.'] });
  });
});
