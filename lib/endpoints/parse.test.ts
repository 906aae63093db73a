import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env/schema';
import { parseWhatsAppEndpoints } from './parse';

const canaryKey = 'canary-key-4b1d9f';
const canaryUrl = 'https://canary-host-77.example.net/v1';

function problemsOf(raw: string): string[] {
  const parsed = parseWhatsAppEndpoints(raw);
  if (parsed.ok) throw new Error('expected problems');
  return parsed.problems;
}

describe('WHATSAPP_ENDPOINTS', () => {
  it('parses names, URLs without trailing slashes and hosts; names keep their exact case', () => {
    const parsed = parseWhatsAppEndpoints(
      JSON.stringify([
        { name: 'Primary', apiUrl: 'https://api.example.com/v1/', apiKey: 'k1' },
        { name: 'primary', apiUrl: 'http://127.0.0.1:4010/whatsapp/x', apiKey: 'k2' },
      ]),
    );
    expect(parsed).toEqual({
      ok: true,
      configured: true,
      endpoints: [
        { name: 'Primary', apiUrl: 'https://api.example.com/v1', apiKey: 'k1', host: 'api.example.com' },
        { name: 'primary', apiUrl: 'http://127.0.0.1:4010/whatsapp/x', apiKey: 'k2', host: '127.0.0.1:4010' },
      ],
    });
  });

  it('treats an unset variable as an empty catalogue', () => {
    expect(parseWhatsAppEndpoints(undefined)).toEqual({ ok: true, endpoints: [], configured: false });
    expect(parseWhatsAppEndpoints('  ')).toEqual({ ok: true, endpoints: [], configured: false });
  });

  it('reports invalid JSON by position, without quoting the text', () => {
    const problems = problemsOf(`[{"name":"Primary","apiUrl":"${canaryUrl}","apiKey":"${canaryKey}",}]`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^WHATSAPP_ENDPOINTS is not valid JSON/);
    expect(problems.join()).not.toContain(canaryKey);
    expect(problems.join()).not.toContain('canary-host');
  });

  it('names each entry and problem: a missing field, a non-http URL, a duplicate name, a non-object', () => {
    const problems = problemsOf(
      JSON.stringify([
        { name: 'Primary', apiUrl: canaryUrl, apiKey: canaryKey },
        { name: 'Secondary', apiUrl: canaryUrl },
        { name: 'Ftp', apiUrl: `ftp://canary-host-77.example.net`, apiKey: canaryKey },
        { name: 'Primary', apiUrl: canaryUrl, apiKey: canaryKey },
        'just a string',
        { apiUrl: 'not a url', apiKey: 7 },
      ]),
    );
    expect(problems).toEqual([
      'Entry 2 ("Secondary"): apiKey is missing.',
      'Entry 3 ("Ftp"): apiUrl must be an http:// or https:// URL.',
      'Entries 1 and 4 are both named "Primary"; names must be unique.',
      'Entry 5 must be an object with "name", "apiUrl" and "apiKey".',
      'Entry 6: name is missing.',
      'Entry 6: apiUrl must be an http:// or https:// URL.',
      'Entry 6: apiKey must be a string.',
    ]);
    expect(problems.join()).not.toContain(canaryKey);
    expect(problems.join()).not.toContain('canary-host');
  });

  it('refuses a non-array', () => {
    expect(problemsOf('{"name":"Primary"}')).toEqual(['WHATSAPP_ENDPOINTS must be a JSON array of { "name", "apiUrl", "apiKey" } objects.']);
  });

  it('stops production from starting with a bad list, naming the entry but not the values; development starts', () => {
    const base = {
      DATABASE_URL: 'postgres://u:p@localhost:5432/db',
      NEXTAUTH_SECRET: 'x'.repeat(40),
      INTEGRATIONS_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      WHATSAPP_ENDPOINTS: JSON.stringify([{ name: 'Primary', apiUrl: 'gopher://canary-host-77', apiKey: canaryKey }]),
    };
    let message = '';
    try {
      parseEnv({ ...base, NODE_ENV: 'production' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('WHATSAPP_ENDPOINTS: Entry 1 ("Primary"): apiUrl must be an http:// or https:// URL.');
    expect(message).not.toContain(canaryKey);
    expect(message).not.toContain('canary-host');
    expect(() => parseEnv({ ...base, NODE_ENV: 'development' })).not.toThrow();
  });
});
