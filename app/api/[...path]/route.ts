// Any /api path no route handles: a JSON 404 in the API's error envelope, never an HTML page.
import { NextResponse } from 'next/server';

function notFound(): NextResponse {
  return NextResponse.json({ error: { code: 'not_found', message: 'There is no API at this address. Check the path and the API reference.' } }, { status: 404 });
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as HEAD, notFound as OPTIONS };
