import { readFile } from 'node:fs/promises';
import path from 'node:path';

// Swagger UI's own files, straight from the pinned swagger-ui-dist package: two files, by name only.
const ASSETS = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
} as const;

export async function GET(_req: Request, { params }: { params: Promise<{ asset: string }> }) {
  const { asset } = await params;
  if (!Object.hasOwn(ASSETS, asset)) return new Response('Not found', { status: 404 });
  const file = await readFile(path.join(process.cwd(), 'node_modules', 'swagger-ui-dist', asset));
  return new Response(file, {
    headers: { 'content-type': ASSETS[asset as keyof typeof ASSETS], 'cache-control': 'public, max-age=86400' },
  });
}
