import { CircleCheck, CircleX } from 'lucide-react';
import type { FailureCode, TestResult } from '@/lib/integrations/define';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';

const failureTitles: Record<FailureCode, string> = {
  bad_credentials: 'Credentials rejected',
  not_found: 'Account or resource not found',
  missing_scope: 'Missing permission',
  token_expired: 'Token expired or not connected',
  unreachable: 'Could not reach the provider',
  timeout: 'The provider did not answer in time',
  rate_limited: 'Rate limited',
  invalid_response: 'Unexpected answer',
};

const detailLabel = (key: string) => key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** A connection test's typed result, announced to screen readers as it appears. */
export function TestResultPanel({ result }: { result: TestResult }) {
  if (result.ok) {
    const details = Object.entries(result.details).filter(([, v]) => v !== null && v !== '');
    return (
      <Alert role="status" className="border-emerald-600/40">
        <CircleCheck aria-hidden className="text-emerald-600" />
        <AlertTitle>Connection verified in {result.latencyMs} ms</AlertTitle>
        {details.length > 0 && (
          <AlertDescription>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
              {details.map(([key, value]) => (
                <div key={key} className="contents">
                  <dt className="text-muted-foreground">{detailLabel(key)}</dt>
                  <dd>{String(value)}</dd>
                </div>
              ))}
            </dl>
          </AlertDescription>
        )}
      </Alert>
    );
  }
  return (
    <Alert role="alert" variant="destructive" data-code={result.code}>
      <CircleX aria-hidden />
      <AlertTitle>{failureTitles[result.code]}</AlertTitle>
      <AlertDescription>
        <p>{result.message}</p>
        <p>{result.hint}</p>
        {result.retryAfterSeconds !== undefined && <p>Retry after {result.retryAfterSeconds} s.</p>}
        {result.latencyMs !== undefined && <p className="text-xs">After {result.latencyMs} ms.</p>}
      </AlertDescription>
    </Alert>
  );
}
