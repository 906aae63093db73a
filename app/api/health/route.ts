// Liveness: answers without touching the database or the session (also the benchmark's bare handler).
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ status: 'ok' });
}
