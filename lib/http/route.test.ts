import { describe, expect, it } from 'vitest';
import { unavailable } from './errors';
import { NextRequest } from 'next/server';
import { jsonError, MAX_BODY_BYTES, readJson, readOptionalJson } from './route';

describe('error responses', () => {
  it('ask the caller to come back when the database is out of reach', async () => {
    const response = jsonError(unavailable());
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({
      error: { code: 'unavailable', message: 'The portal cannot reach its database right now. Try again in a few seconds.', retry_after_seconds: 5 },
    });
  });
});

describe('request bodies', () => {
  const post = (body: string | undefined, type = 'application/json') =>
    new NextRequest('http://portal.test/api/v1/x', { method: 'POST', body, headers: type ? { 'content-type': type } : {} });
  const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as { status: number; code: string });

  it('reads JSON, and an absent optional body as undefined', async () => {
    expect(await readJson(post('{"a":1}'))).toEqual({ a: 1 });
    expect(await readJson(post('{"a":1}', 'application/merge-patch+json; charset=utf-8'))).toEqual({ a: 1 });
    expect(await readOptionalJson(post(undefined, ''))).toBeUndefined();
  });

  it('refuses malformed, mistyped and oversized bodies with their own codes', async () => {
    expect(await failure(readJson(post('{"a":')))).toMatchObject({ status: 400, code: 'invalid_json' });
    expect(await failure(readJson(post('a=1', 'application/x-www-form-urlencoded')))).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    expect(await failure(readJson(post(`"${'x'.repeat(MAX_BODY_BYTES)}"`)))).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(await failure(readJson(post('{"name":"a\\u0000b"}')))).toMatchObject({ status: 422, fields: { name: [expect.any(String)] } });
  });
});
