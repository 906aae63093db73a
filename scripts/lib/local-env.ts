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

/** Demo WhatsApp endpoints served by the provider simulator that `npm run dev` starts. */
export function demoWhatsAppEndpoints(port = Number(process.env.SIMULATOR_PORT ?? 4010)) {
  return ['Primary', 'Secondary', 'Backup'].map((name) => ({
    name,
    apiUrl: `http://127.0.0.1:${port}/whatsapp/${name.toLowerCase()}`,
    apiKey: `demo_${randomBytes(12).toString('hex')}`,
  }));
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
  if (process.env.WHATSAPP_ENDPOINTS === undefined && current.WHATSAPP_ENDPOINTS === undefined) {
    generated.WHATSAPP_ENDPOINTS = JSON.stringify(demoWhatsAppEndpoints());
  }
  const names = Object.keys(generated);
  if (names.length) {
    // Single quotes keep dotenv from reading the JSON's characters as syntax.
    const lines = names.map((name) => `${name}='${generated[name]}'`).join('\n');
    appendFileSync(file, `${existsSync(file) ? '\n' : ''}# Generated for local development on first run.\n${lines}\n`, { mode: 0o600 });
    Object.assign(process.env, generated);
  }
  return names;
}
