import type { Metadata } from 'next';
import { guardPage } from '@/lib/auth/page';
import { requireOrgRole } from '@/lib/auth/guards';
import { actorFromSession } from '@/lib/auth/actor';
import { listApiTokens } from '@/lib/api-tokens/service';
import { PageHeader } from '@/components/shell/page-header';
import { CreateTokenForm } from './_components/create-token-form';
import { TokenTable } from './_components/token-table';

export const metadata: Metadata = { title: 'API tokens' };

export default async function ApiTokensPage() {
  const ctx = await guardPage(() => requireOrgRole('admin'), '/settings/api-tokens');
  const tokens = await listApiTokens(actorFromSession(ctx));
  return (
    <>
      <PageHeader
        title="API tokens"
        description={`Tokens let your own systems call the ${ctx.active.orgName} REST API with Authorization: Bearer. A token is shown once; only its first characters are kept in view.`}
      >
        {/* The reference is a route handler's own HTML page, not an app page: a full navigation. */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a href="/docs/api" className="text-sm font-medium underline underline-offset-4 hover:no-underline">
          API reference
        </a>
      </PageHeader>
      <div className="grid max-w-4xl gap-8">
        <CreateTokenForm />
        <TokenTable tokens={tokens} />
      </div>
    </>
  );
}
