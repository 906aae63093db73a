// Property-based fuzzing of every operation in the OpenAPI document (which a unit test holds equal to
// the route files), signed in as the role that gets furthest into each (an organization admin, or
// the superadmin for platform routes): malformed JSON, arrays for objects, the documented fields with
// wrong types, 100 kB strings, NUL characters, impossible dates, odd path segments, the documented
// query parameters with odd values, and 5 MB bodies. Every answer must be below 500 and, when it is an
// error, in the API's envelope (the portal also checks each against the document, see contract.ts);
// nothing in the database may change. Ids in paths are never real rows, so no request can be a valid
// write by accident.
import fc from 'fast-check';
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { accounts, apiSignIn, expect, test } from './fixtures';
import { snapshotOfWritableState } from './db';

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 15);

interface DocOperation {
  parameters?: { name: string; in: 'path' | 'query' }[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
}
type Doc = { paths: Record<string, Record<string, DocOperation>> };

// next-auth's own endpoints are fuzzed apart, in bad-input.spec.ts.
const skipped = (path: string) => path.startsWith('/api/auth/');

const oddSegment = fc.oneof(
  fc.constantFrom('00000000-0000-4000-8000-000000000000', 'not-a-uuid', '%00', '..%2f..%2f', '%E2%80%AE', '__proto__', 'constructor', 'NaN', '-1', '%F0%9F%92%A5', 'A'.repeat(300)),
  fc.string({ minLength: 1, maxLength: 40 }).map((s) => encodeURIComponent(s)),
  fc.uuid(),
);

const oddString = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.constantFrom('\u0000', 'a\u0000b', '2026-13-45', '2026-02-30', '0000-00-00', '9999-99-99T99:99', '1e309', '-0', 'NaN', '<script>', "' or 1=1 --", '\uD800', '𝕏'.repeat(20)),
  fc.constant('x'.repeat(100_000)),
);

const oddValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    oddString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('credentials', 'role', 'user_id', 'expected_version', 'display_name', 'email', 'endpoint_name', '__proto__')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A body: JSON of odd values, malformed JSON, or the wrong content type. */
const oddBody = fc.oneof(
  oddValue.map((value) => ({ data: JSON.stringify(value) ?? 'null', type: 'application/json' })),
  fc.constantFrom('{', '{"a":', '[1,2', '\u0000', '{"a":1}{"b":2}', 'null', '""', '[]').map((data) => ({ data, type: 'application/json' })),
  oddString.map((data) => ({ data, type: 'text/plain' })),
  fc.constant({ data: 'a=1&b=2', type: 'application/x-www-form-urlencoded' }),
);

/** The documented fields with odd values: the shapes a handler gets furthest with. */
const oddFields = (names: string[]) =>
  names.length ? fc.dictionary(fc.constantFrom(...names), oddValue, { maxKeys: names.length }).map((value) => ({ data: JSON.stringify(value), type: 'application/json' })) : oddBody;

const oddQuery = (names: string[]) => fc
  .dictionary(fc.constantFrom(...names, 'q', 'from', 'page'), oddString, { maxKeys: 3 })
  .map((query) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) params.set(key, value.slice(0, 1000));
    const text = params.toString();
    return text ? `?${text}` : '';
  });

const snapshot = snapshotOfWritableState;

test('no input makes any route answer 5xx, every error is in the envelope, and nothing changes', async () => {
  test.setTimeout(600_000);
  const doc = (await (await fetch(`${baseURL}/api/v1/openapi.json`)).json()) as Doc;
  const routes = Object.entries(doc.paths)
    .filter(([path]) => !skipped(path))
    .flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op })));
  expect(routes.length).toBeGreaterThan(25);

  const admin = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  await apiSignIn(admin, accounts.admin);
  const superadmin = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  await apiSignIn(superadmin, accounts.superadmin);
  const callerFor = (route: string): APIRequestContext => (route.startsWith('/api/v1/admin') || route.startsWith('/api/whatsapp') ? superadmin : admin);

  const before = await snapshot();
  const failures: string[] = [];
  let tried = 0;
  for (const { method, path: route, op } of routes) {
    const params = (op.parameters ?? []).filter((p) => p.in === 'path');
    const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    const bodyFields = Object.keys(op.requestBody?.content['application/json']?.schema.properties ?? {});
    await fc.assert(
      fc.asyncProperty(fc.array(oddSegment, { minLength: params.length, maxLength: params.length }), oddQuery(queryNames), fc.oneof(oddBody, oddFields(bodyFields)), async (segments, query, body) => {
        let i = 0;
        const url = route.replace(/\{\w+\}/g, () => segments[i++]!) + query;
        const response = await callerFor(route).fetch(url, {
          method,
          headers: method === 'GET' ? {} : { 'content-type': body.type },
          data: method === 'GET' ? undefined : body.data,
          maxRedirects: 0,
        });
        tried++;
        const status = response.status();
        if (status >= 500) failures.push(`${status} ${method} ${url.slice(0, 200)}`);
        if (status >= 400) {
          const json = (await response.json().catch(() => null)) as { error?: { code?: unknown; message?: unknown } } | null;
          if (typeof json?.error?.code !== 'string' || typeof json.error.message !== 'string') failures.push(`no envelope: ${status} ${method} ${url.slice(0, 200)}`);
        }
        return true;
      }),
      { numRuns: RUNS_PER_ROUTE, seed: Number(process.env.FUZZ_SEED ?? 20261127) },
    );
  }

  // A few 5 MB bodies, to every route that takes one.
  for (const { method, path: route } of routes.filter((r) => r.method !== 'GET')) {
    const url = route.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
    const response = await callerFor(route).fetch(url, { method, headers: { 'content-type': 'application/json' }, data: `"${'x'.repeat(5_000_000)}"`, maxRedirects: 0 });
    tried++;
    if (response.status() >= 500) failures.push(`${response.status()} ${method} ${url} (5 MB body)`);
  }

  await admin.dispose();
  await superadmin.dispose();
  console.log(`fuzz: ${tried} bad inputs tried over ${routes.length} documented operations; ${failures.filter((f) => /^5\d\d /.test(f)).length} answered 5xx`);
  expect(failures).toEqual([]);
  expect(await snapshot(), 'bad input changed nothing').toBe(before);
});
