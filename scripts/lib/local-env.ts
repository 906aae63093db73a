// Loads .env.local and .env into process.env (real environment variables win), and in development
// creates .env.local with fresh secrets on first run so a new clone works with no setup.
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';

export const root = path.resolve(import.meta.dirname, '..', '..');

export function loadEnvFiles(): void {
  for (const file of ['.env.local', '.env']) {
    const full = path.join(root, file);
    if (existsSync(full)) dotenv.config({ path: full, quiet: true });
  }
}

/** Development only: writes the secrets the portal needs into the git-ignored .env.local if they are missing. */
export function ensureDevSecrets(): string[] {
  const file = path.join(root, '.env.local');
  const current = existsSync(file) ? dotenv.parse(readFileSync(file)) : {};
  const generated: Record<string, string> = {};
  if (!process.env.NEXTAUTH_SECRET && !current.NEXTAUTH_SECRET) {
    generated.NEXTAUTH_SECRET = randomBytes(32).toString('base64');
  }
  if (!process.env.INTEGRATIONS_ENCRYPTION_KEYS && !current.INTEGRATIONS_ENCRYPTION_KEYS) {
    generated.INTEGRATIONS_ENCRYPTION_KEYS = `k1:${randomBytes(32).toString('base64')}`;
  }
  const names = Object.keys(generated);
  if (names.length) {
    const lines = names.map((name) => `${name}=${generated[name]}`).join('\n');
    appendFileSync(file, `${existsSync(file) ? '\n' : ''}# Generated for local development on first run.\n${lines}\n`, { mode: 0o600 });
    Object.assign(process.env, generated);
  }
  return names;
}
