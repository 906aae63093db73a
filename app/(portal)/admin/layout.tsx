import { guardPage } from '@/lib/auth/page';
import { requireSuperadmin } from '@/lib/auth/guards';

// The page checks again. Checking here as well, outside the loading skeleton's boundary, refuses
// before anything is streamed, so a refusal keeps its status code instead of a 200.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await guardPage(requireSuperadmin, '/admin/tenants');
  return children;
}
