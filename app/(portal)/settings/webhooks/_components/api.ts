// The page's calls to the webhook API (same origin, the session's cookie): an answer's data, or an
// error carrying the API's sentence and the fields at fault.

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

export async function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/v1/settings/webhooks${path}`, {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => null)) as { error?: { message?: string; fields?: Record<string, string[]> } } | null;
  if (!res.ok) throw new ApiError(json?.error?.message ?? `The request failed (${res.status}). Try again.`, res.status, json?.error?.fields);
  return json as T;
}
