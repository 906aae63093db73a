// Role names as people read them, wherever a role is shown. Client-safe.
import type { orgRoles } from '@/lib/validations/constants';

type OrgRole = (typeof orgRoles)[number];

const labels: Record<OrgRole, string> = { admin: 'Admin', manager: 'Manager', agent: 'Agent' };

/** "Admin", "Manager", "Agent"; an unknown value is shown capitalised rather than hidden. */
export function roleLabel(role: string): string {
  return labels[role as OrgRole] ?? `${role.charAt(0).toUpperCase()}${role.slice(1)}`;
}

/** "an Admin", "a Manager": for sentences. */
export function withArticle(role: string): string {
  const label = roleLabel(role);
  return `${/^[AEIOU]/.test(label) ? 'an' : 'a'} ${label}`;
}
