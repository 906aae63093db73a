import { CircleCheck, CircleX } from '@/components/icons';
import { When } from '@/components/shell/when';
import { CopyButton } from '@/components/shell/copy-button';
import type { WebhookDelivery, WebhookView } from '@/lib/webhooks/inbound/view';
import { RotateWebhookUrl } from './rotate-webhook-url';

// An integration's callbacks: the address to give the provider, what it needs to be verified, and the
// last deliveries. Server-rendered: only the copy and rotate buttons are client code.

const outcomes: Record<WebhookDelivery['outcome'], string> = {
  queued: 'Waiting to be applied',
  applied: 'Applied',
  duplicate: 'Duplicate, dropped',
  rejected: 'Rejected',
  ignored: 'Nothing to apply',
  failed: 'Could not be applied',
};

export function WebhookSection({ type, providerName, view }: { type: string; providerName: string; view: WebhookView }) {
  const missing = view.secrets.filter((s) => !s.saved);
  return (
    <div data-testid={`${type}-webhooks`} className="grid gap-4 text-sm">
        <div className="grid gap-1">
          <p className="font-medium" id={`${type}-webhook-url`}>
            Callback URL
          </p>
          <div className="bg-muted flex items-center gap-2 rounded-md px-3 py-2">
            <code className="min-w-0 flex-1 text-xs break-all" aria-labelledby={`${type}-webhook-url`} data-testid={`${type}-webhook-url`}>
              {view.url}
            </code>
            <CopyButton value={view.url} label="Copy the callback URL" />
          </div>
          <p className="text-muted-foreground">{view.setup}</p>
          {view.previous && (
            <p className="text-muted-foreground">
              The previous URL keeps working until <When iso={view.previous.until} />: update {providerName} before then.
            </p>
          )}
          {missing.length > 0 && (
            <p role="note" className="text-amber-800 dark:text-amber-300">
              Save {missing.map((s) => s.label.replace(/ \(.*\)$/, '')).join(' and ')} under Connection: until then {providerName}’s callbacks are refused.
            </p>
          )}
          {view.secrets.length === 0 && (
            <p className="text-muted-foreground">
              {providerName} signs nothing, so this URL is the secret: share it only with {providerName}, and rotate it if it leaks. Every callback is checked
              with {providerName} before it changes anything.
            </p>
          )}
          <RotateWebhookUrl type={type} providerName={providerName} />
        </div>
        {view.accountEvents.length > 0 && (
          <div className="grid gap-1">
            <p className="font-medium">What {providerName} said about the account</p>
            <ul className="grid gap-1">
              {view.accountEvents.map((e, i) => (
                <li key={i}>
                  <span className="text-muted-foreground"><When iso={e.at} />:</span> {e.summary}
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="grid gap-1">
          <p className="font-medium">Last deliveries</p>
          {view.deliveries.length === 0 ? (
            <p className="text-muted-foreground">None yet. They appear here as {providerName} sends them.</p>
          ) : (
            <ul className="grid gap-2" data-testid={`${type}-webhook-log`}>
              {view.deliveries.map((d) => (
                <li key={d.id} className="flex gap-2">
                  {d.verified ? <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-700 dark:text-emerald-400" /> : <CircleX aria-hidden className="text-destructive mt-0.5 size-4 shrink-0" />}
                  <span className="min-w-0">
                    <span className="font-medium">{!d.verified ? 'Rejected' : view.signed ? 'Verified' : 'Received (unsigned)'}</span>
                    {d.eventType && <span className="font-mono text-xs"> {d.eventType}</span>} · <When iso={d.receivedAt} /> · {outcomes[d.outcome]}
                    {d.detail && <span className="text-muted-foreground block">{d.detail}</span>}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
    </div>
  );
}
