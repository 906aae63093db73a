// Parses WHATSAPP_ENDPOINTS, the platform's WhatsApp endpoints, into a list the server can use.
// Shared by the server catalogue and the environment check, so production refuses to start with the
// same messages development shows on the superadmin pages. No message ever contains a URL or a key:
// an entry is named by its position and, when it has one, its name.
import { z } from 'zod';

export interface WhatsAppEndpoint {
  name: string;
  /** Without a trailing slash. Server-side only. */
  apiUrl: string;
  /** Server-side only. */
  apiKey: string;
  /** Host (and port) of apiUrl, for server logs and operators; never sent to a browser. */
  host: string;
}

export type ParsedEndpoints =
  | { ok: true; endpoints: WhatsAppEndpoint[]; configured: boolean }
  | { ok: false; problems: string[] };

const entrySchema = z.object({
  name: z
    .string('must be a string')
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters')
    .refine((n) => n === n.trim(), 'must not start or end with spaces')
    .refine((n) => !/[\u0000-\u001f\u007f]/.test(n), 'must not contain control characters'),
  apiUrl: z.string('must be a string').refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// URL'),
  apiKey: z.string('must be a string').min(1, 'must not be empty'),
});

function label(index: number, raw: unknown): string {
  const name = typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : undefined;
  const safeName = typeof name === 'string' && name.length > 0 && name.length <= 100 ? ` ("${name}")` : '';
  return `Entry ${index + 1}${safeName}`;
}

export function parseWhatsAppEndpoints(raw: string | undefined): ParsedEndpoints {
  if (raw === undefined || raw.trim() === '') return { ok: true, endpoints: [], configured: false };

  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    // JSON.parse's own message can quote the text around the error, which may be a key: keep only
    // the position.
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    return { ok: false, problems: [`WHATSAPP_ENDPOINTS is not valid JSON${position ? ` (error at character ${position})` : ''}.`] };
  }
  if (!Array.isArray(value)) {
    return { ok: false, problems: ['WHATSAPP_ENDPOINTS must be a JSON array of { "name", "apiUrl", "apiKey" } objects.'] };
  }

  const problems: string[] = [];
  const endpoints: WhatsAppEndpoint[] = [];
  const firstIndexByName = new Map<string, number>();
  value.forEach((entry, index) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`Entry ${index + 1} must be an object with "name", "apiUrl" and "apiKey".`);
      return;
    }
    const parsed = entrySchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'entry');
        const missing = (entry as Record<string, unknown>)[field] === undefined;
        problems.push(`${label(index, entry)}: ${field} ${missing ? 'is missing' : issue.message}.`);
      }
      return;
    }
    const seen = firstIndexByName.get(parsed.data.name);
    if (seen !== undefined) {
      problems.push(`Entries ${seen + 1} and ${index + 1} are both named "${parsed.data.name}"; names must be unique.`);
      return;
    }
    firstIndexByName.set(parsed.data.name, index);
    const url = new URL(parsed.data.apiUrl);
    endpoints.push({
      name: parsed.data.name,
      apiUrl: parsed.data.apiUrl.replace(/\/+$/, ''),
      apiKey: parsed.data.apiKey,
      host: url.host,
    });
  });
  return problems.length ? { ok: false, problems } : { ok: true, endpoints, configured: true };
}
