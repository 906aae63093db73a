import { openApiDocument } from '@/lib/openapi/document';

// The API reference as OpenAPI 3.1: public, like any API's reference, and the same for everyone.
export function GET() {
  return Response.json(openApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } });
}
