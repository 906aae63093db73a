import { NextResponse, type NextRequest } from 'next/server';
import { allowedMethods } from '@/lib/openapi/methods';

// Two jobs, neither of them authorization (every page, action and route handler authorizes itself in
// lib/auth): a Content-Security-Policy with a fresh nonce on every page, which Next puts on its own
// scripts, and, for comfort, sending visitors without a session cookie to the sign-in page.
const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];
const PUBLIC_PAGES = /^\/(login|invite)(\/|$)/;

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV !== 'production';
  return [
    `default-src 'self'`,
    // 'strict-dynamic' lets the nonce-bearing scripts load the chunks they need, and nothing else.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? ` 'unsafe-eval'` : ''}`,
    // Components position popovers and dialogs with inline styles.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' blob: data:`,
    `font-src 'self'`,
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}

/** A method a documented API path does not answer: 405 in the API's envelope, naming the ones it does. */
function methodNotAllowed(req: NextRequest): NextResponse | null {
  const allowed = allowedMethods(req.nextUrl.pathname);
  if (!allowed || allowed.includes(req.method)) return null;
  const list = allowed.filter((m) => m !== 'HEAD' && m !== 'OPTIONS').join(', ');
  return NextResponse.json(
    { error: { code: 'method_not_allowed', message: `This address answers ${list} only.` } },
    { status: 405, headers: { allow: allowed.join(', '), 'cache-control': 'no-store' } },
  );
}

export function proxy(req: NextRequest) {
  if (req.nextUrl.pathname.startsWith('/api/')) return methodNotAllowed(req) ?? NextResponse.next();

  const nonce = btoa(crypto.randomUUID());
  const policy = contentSecurityPolicy(nonce);

  let response: NextResponse;
  if (!PUBLIC_PAGES.test(req.nextUrl.pathname) && !SESSION_COOKIES.some((name) => req.cookies.has(name))) {
    const login = new URL('/login', req.url);
    login.searchParams.set('callbackUrl', `${req.nextUrl.pathname}${req.nextUrl.search}`);
    response = NextResponse.redirect(login);
  } else {
    const headers = new Headers(req.headers);
    headers.set('x-nonce', nonce);
    headers.set('content-security-policy', policy);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  // Pages get the policy (the API answers 401 JSON itself and sends no HTML; static files, the icon
  // sprite and the API reference, which sets its own, need none); API paths only the method check.
  matcher: [
    '/api/:path*',
    {
      source: '/((?!api|docs/api|_next/static|_next/image|favicon\\.ico$|icon\\.svg$|icons\\.svg$).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
