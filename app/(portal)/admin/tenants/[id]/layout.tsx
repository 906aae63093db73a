import { notFound } from 'next/navigation';
import { guardPage } from '@/lib/auth/page';
import { requireSuperadmin } from '@/lib/auth/guards';
import { getTenant } from '@/lib/tenants/list';
import { tenantIdSchema } from '@/lib/validations/whatsapp';

// The page checks again. Checking here as well, outside the loading skeleton's boundary, answers an
// unknown tenant with a real 404 before anything is streamed.
export default async function TenantLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await guardPage(requireSuperadmin, `/admin/tenants/${id}/whatsapp`);
  if (!tenantIdSchema.safeParse(id).success || !(await getTenant(ctx, id))) notFound();
  return children;
}
