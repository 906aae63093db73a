'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { toast } from '@/lib/toast';
import type { TestResult } from '@/lib/integrations/define';
import type { LastTest } from '@/lib/integrations/status';
import { Button } from '@/components/ui/button';
import { TestResultPanel } from '@/components/integrations/test-result';
import { TimeAgo } from '@/components/shell/when';
import { testIntegrationAction } from '../actions';

/**
 * The last connection test of what is saved (or of the server's environment), and a button to run it
 * again: the result is recorded, so the badge and a held queue follow it.
 */
export function TestSaved({ type, providerName, lastTest, fields }: { type: string; providerName: string; lastTest: LastTest | null; fields: { name: string; label: string }[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<TestResult | null>(null);

  const run = () =>
    startTransition(async () => {
      const response = await testIntegrationAction({ type, credentials: {} });
      if (!response.ok) {
        toast.error(response.error.message);
        return;
      }
      setResult(response.data);
      if (response.data.ok) toast.success(`${providerName} connection verified`);
      else toast.error(response.data.message);
      router.refresh();
    });

  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="outline" disabled={pending} onClick={run}>
          {pending ? 'Testing…' : 'Test the saved connection'}
        </Button>
        {!result && (
          <p className="text-muted-foreground text-sm" data-testid={`${type}-last-test`}>
            {lastTest ? (
              <>
                Last tested <TimeAgo iso={lastTest.at} />: {lastTest.ok ? 'it worked' : (lastTest.message ?? 'it failed')}
                {lastTest.latencyMs !== null && lastTest.ok ? `, answered in ${lastTest.latencyMs} ms` : ''}.
              </>
            ) : (
              'Not tested yet.'
            )}
          </p>
        )}
      </div>
      <div aria-live="polite">{result && <TestResultPanel result={result} fields={fields} />}</div>
    </div>
  );
}
