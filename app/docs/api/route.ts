import { randomBytes } from 'node:crypto';

// The API reference, rendered in the browser by Swagger UI from /api/v1/openapi.json. Public, like
// the document itself: it holds no organization's data. Served as a page of its own (not inside the
// portal's shell) with its own Content-Security-Policy, which allows Swagger UI's script and nothing
// from elsewhere.

export const dynamic = 'force-dynamic';

const page = (nonce: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · Switchboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/docs/api/swagger-ui.css">
<style nonce="${nonce}">
  body { margin: 0; font-family: system-ui, sans-serif; background: #fff; }
  header { display: flex; gap: 1rem; align-items: center; justify-content: space-between; padding: .75rem 1.25rem; border-bottom: 1px solid #e5e7eb; }
  header a { color: #111827; font-weight: 600; text-decoration: none; }
  header a:focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }
  header nav { display: flex; gap: 1rem; font-size: .875rem; }
  header nav a { font-weight: 500; text-decoration: underline; }
  .swagger-ui .topbar { display: none; }
  @media (prefers-color-scheme: dark) {
    html { filter: invert(.9) hue-rotate(180deg); }
  }
</style>
</head>
<body>
<header>
  <a href="/">Switchboard</a>
  <nav aria-label="Reference"><a href="/api/v1/openapi.json">OpenAPI document</a><a href="/settings/api-tokens">API tokens</a></nav>
</header>
<main id="reference" aria-label="API reference"></main>
<script nonce="${nonce}" src="/docs/api/swagger-ui-bundle.js"></script>
<script nonce="${nonce}">
  window.ui = SwaggerUIBundle({
    url: '/api/v1/openapi.json',
    dom_id: '#reference',
    deepLinking: true,
    validatorUrl: null,
    tryItOutEnabled: false,
    displayRequestDuration: true,
    defaultModelsExpandDepth: 0,
  });
</script>
</body>
</html>`;

export function GET() {
  const nonce = randomBytes(16).toString('base64');
  const policy = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data:`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'none'`,
    `frame-ancestors 'none'`,
  ].join('; ');
  return new Response(page(nonce), {
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy, 'cache-control': 'no-store' },
  });
}
