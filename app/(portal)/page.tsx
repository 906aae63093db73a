import { redirect } from 'next/navigation';
import { getViewer } from '@/lib/auth/session';
import { homeFor } from '@/lib/auth/navigation';

export default async function Home() {
  const viewer = await getViewer();
  if (!viewer) redirect('/login');
  redirect(homeFor({ isSuperadmin: viewer.user.isSuperadmin, role: viewer.active?.role ?? null }));
}
