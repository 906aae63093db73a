// DocuSeal under /docuseal (api.docuseal.com, or a self-hosted /api): GET /templates, X-Auth-Token;
// the submissions API and its signing controls are in docuseal-ops.ts.
import type { Route } from '../http';
import { json, markerOf, RETRY_AFTER_SECONDS, simulated, waitSlow } from './common';
import { docusealOps } from './docuseal-ops';

const TEMPLATES = [1001, 1002, 1003].map((id, i) => ({
  id,
  slug: `sim${id}tmpl`,
  name: ['Employment contract', 'Vendor NDA', 'Consent form'][i]!,
  folder_name: 'Default',
  external_id: null,
  author_id: 1,
  author: { id: 1, first_name: 'Ada', last_name: 'Admin', email: 'ada.admin@example.com' },
  archived_at: null,
  created_at: '2025-06-02T10:00:00.000Z',
  updated_at: '2025-06-02T10:00:00.000Z',
  documents: [{ id: id * 10, uuid: `00000000-0000-4000-8000-00000000${id}`, url: `https://docuseal.example/file/${id}.pdf`, filename: `template-${id}.pdf` }],
}));

export function docusealRoutes(): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/docuseal\/templates$/,
      async handle({ req, res, url }) {
        const key = req.headers['x-auth-token'];
        const token = Array.isArray(key) ? key[0] : key;
        if (!token) return json(res, 401, { error: 'Not authenticated' });
        const marker = markerOf(token);
        if (marker === 'bad' || marker === 'expired') return json(res, 401, { error: 'Not authenticated' });
        if (marker === 'noscope') return json(res, 403, { error: 'Not authorized' });
        if (marker === 'ratelimit') return json(res, 429, { error: 'Too many requests' }, { 'retry-after': String(RETRY_AFTER_SECONDS) });
        if (marker === 'slow' && !(await waitSlow(res))) return;
        const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 10) || 10));
        // Newest first; `after` is the id the next page starts below.
        const ordered = [...TEMPLATES].sort((a, b) => b.id - a.id);
        const after = Number(url.searchParams.get('after') ?? 0);
        const rest = after ? ordered.filter((t) => t.id < after) : ordered;
        const data = rest.slice(0, limit);
        json(res, 200, {
          data,
          pagination: { count: data.length, next: rest.length > limit ? (data.at(-1)?.id ?? null) : null, prev: data[0]?.id ?? null },
        });
      },
    },
  ];
}

export default simulated('docuseal', (shared) => {
  const ops = docusealOps(shared);
  return { routes: [...docusealRoutes(), ...ops.routes], reset: ops.reset };
});
