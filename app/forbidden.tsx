import { StatusPage } from '@/components/shell/status-page';

export default function Forbidden() {
  return (
    <StatusPage code={403} title="You don't have access to this page">
      Your role in this organization does not include it. Ask an admin of your organization if you need access.
    </StatusPage>
  );
}
