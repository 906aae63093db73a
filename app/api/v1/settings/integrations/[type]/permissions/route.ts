import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/auth/actor';
import { apiRoute, readJson } from '@/lib/http/route';
import { listPermissions, setPermission } from '@/lib/integrations/permissions';
import { permissionSchema } from '@/lib/validations/integrations';

type Params = { type: string };

/** Each team member's grant on this integration. Admins only. */
export const GET = apiRoute<Params>(
  async (req, { params }) => {
    const actor = await requireActor(req, { roles: ['admin'], scope: 'settings:read' });
    const { type } = await params;
    const members = await listPermissions(actor, type);
    return NextResponse.json({ members, count: members.length });
  },
  { tokens: true },
);

/** Sets one member's grant: `{ user_id, can_use, can_view_status }` (both false removes it). */
export const PUT = apiRoute<Params>(
  async (req, { params }) => {
    const actor = await requireActor(req, { roles: ['admin'], scope: 'settings:write' });
    const { type } = await params;
    return NextResponse.json({ member: await setPermission(actor, type, permissionSchema.parse(await readJson(req))) });
  },
  { tokens: true },
);
