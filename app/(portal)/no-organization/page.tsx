import { EmptyState } from '@/components/shell/empty-state';

export default function NoOrganization() {
  return (
    <EmptyState title="You are not in an organization yet">
      Ask an admin of your organization to add you, then sign in again.
    </EmptyState>
  );
}
