import type { NextRequest } from 'next/server';
import { apiRoute } from '@/lib/http/route';
import { answerChallenge, receiveDelivery } from '@/lib/webhooks/inbound/receive';

// Providers' callbacks, one URL per organization's integration. Public: each delivery is
// authenticated by its provider's signature on the raw body (lib/webhooks/inbound).

type Params = { type: string; id: string };

export const GET = apiRoute<Params>(async (req: NextRequest, { params }) => {
  const { type, id } = await params;
  return answerChallenge(req, type, id);
});

export const POST = apiRoute<Params>(
  async (req: NextRequest, { params }) => {
    const { type, id } = await params;
    return receiveDelivery(req, type, id);
  },
  { signed: true },
);
