import { StatusPage } from '@/components/shell/status-page';

export default function Unauthorized() {
  return (
    <StatusPage code={401} title="Sign in to continue">
      Your session has ended. Sign in again to pick up where you left off.
    </StatusPage>
  );
}
