import type { OrgRole } from '@/lib/db/rls';
import { withArticle } from '@/lib/roles';

const rank: Record<OrgRole, number> = { agent: 0, manager: 1, admin: 2 };

// What each role adds over the one below it, in the words of the pages it opens.
const adds: Record<OrgRole, string[]> = {
  agent: [],
  manager: ['assign phone numbers to the team', 'see integrations not granted to them'],
  admin: ['change integrations', 'manage members and invitations', 'create API tokens', 'manage webhooks', 'read the audit trail'],
};

function list(items: string[], conjunction: 'and' | 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/** What changes for a member whose role goes from `from` to `to`, said to the admin about to do it. */
export function roleChange(name: string, from: OrgRole, to: OrgRole, self: boolean) {
  const who = self ? 'You' : name;
  const lower = rank[to] < rank[from];
  const between = (Object.keys(rank) as OrgRole[]).filter((r) => rank[r] > Math.min(rank[from], rank[to]) && rank[r] <= Math.max(rank[from], rank[to]));
  const changed = between.flatMap((r) => adds[r]).map((item) => (self ? item.replace(/\bthem\b/, 'you') : item));
  let consequence = lower ? `${who} will no longer be able to ${list(changed, 'or')}.` : `${who} will be able to ${list(changed, 'and')}.`;
  if (lower && from === 'admin') {
    consequence += self
      ? ' Only another admin can make you an admin again. If you are the only admin, this is refused: make someone else an admin first.'
      : ` If ${name} is the only admin, this is refused: make someone else an admin first.`;
  }
  return {
    title: `Make ${self ? 'yourself' : name} ${withArticle(to)}?`,
    confirm: `Make ${self ? 'yourself' : name} ${withArticle(to)}`,
    consequence,
    lower,
  };
}
