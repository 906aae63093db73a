import { NextResponse, type NextRequest } from 'next/server';

// For comfort only: sends visitors without a session cookie to the sign-in page instead of a 401 page.
// It is not a security check; every page, action and route handler authorizes itself in lib/auth.
const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

export function proxy(req: NextRequest) {
  if (SESSION_COOKIES.some((name) => req.cookies.has(name))) return NextResponse.next();
  const login = new URL('/login', req.url);
  login.searchParams.set('callbackUrl', `${req.nextUrl.pathname}${req.nextUrl.search}`);
  return NextResponse.redirect(login);
}

export const config = {
  // Pages only: the API answers 401 JSON itself, and the sign-in page and static files stay reachable.
  matcher: ['/((?!api|login|invite|_next/static|_next/image|favicon.ico).*)'],
};
