import { Link2 } from '@/components/icons';
import { Button } from '@/components/ui/button';

/** Starts the provider's consent flow for the saved OAuth client (a plain link: the browser leaves the portal). */
export function OAuthConnect({ type, providerName, saved, connected }: { type: string; providerName: string; saved: boolean; connected: boolean }) {
  if (!saved) {
    return <p className="text-muted-foreground text-sm">Save the client ID and secret, then connect a {providerName} account.</p>;
  }
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button asChild variant={connected ? 'outline' : 'default'}>
        <a href={`/api/v1/settings/integrations/${type}/oauth/start`}>
          <Link2 aria-hidden /> {connected ? `Reconnect ${providerName}` : `Connect ${providerName}`}
        </a>
      </Button>
      <span className="text-muted-foreground text-sm">You will be sent to the provider to grant access, then brought back here.</span>
    </div>
  );
}
