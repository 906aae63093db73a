import 'server-only';

/** The portal's configured public origin (NEXTAUTH_URL), or null when none is set. */
export function configuredOrigin(): string | null {
  const configured = process.env.NEXTAUTH_URL;
  return configured && URL.canParse(configured) ? new URL(configured).origin : null;
}
