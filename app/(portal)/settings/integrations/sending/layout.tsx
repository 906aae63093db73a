import { guardPage } from '@/lib/auth/page';
import { requireOrgRole } from '@/lib/auth/guards';

// The page checks again. Checking here as well, outside the loading skeleton's boundary, refuses
// before anything is streamed, so a refusal keeps its status code instead of a 200.
export default async function SendingLayout({ children }: { children: React.ReactNode }) {
  await guardPage(() => requireOrgRole('admin'), '/settings/integrations/sending');
  return children;
}
