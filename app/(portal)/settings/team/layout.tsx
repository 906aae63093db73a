import { guardPage } from '@/lib/auth/page';
import { ALL_ROLES, requireOrgRole } from '@/lib/auth/guards';

// The page checks again. Checking here as well, outside the loading skeleton's boundary, refuses
// before anything is streamed, so a refusal keeps its status code instead of a 200.
export default async function TeamLayout({ children }: { children: React.ReactNode }) {
  await guardPage(() => requireOrgRole(...ALL_ROLES), '/settings/team');
  return children;
}
