import { StatusPage } from '@/components/shell/status-page';

export default function NotFound() {
  return (
    <StatusPage code={404} title="Page not found">
      It may have been moved or deleted, or it belongs to an organization you are not a member of.
    </StatusPage>
  );
}
