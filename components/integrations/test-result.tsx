import { icon } from '@/components/icon';
import type { FailureCode, TestResult } from '@/lib/integrations/define';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';

// Drawn in the browser too (the integration form shows a test's result): the few icons it needs, made here.
const CircleAlert = icon('CircleAlert', 'CircleAlert');
const CircleCheck = icon('CircleCheck', 'CircleCheck');
const CircleX = icon('CircleX', 'CircleX');

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

export type FieldLabel = { name: string; label: string };

const words = (key: string) => key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** A fact a provider reported, as a sentence; a fact that went the wrong way is a warning. */
interface Fact {
  key: string;
  text: string;
  warning: boolean;
  /** The form field it concerns, when the fact is about one ("virtual_number_found" → "virtual_number"). */
  field: string | null;
}

function factsOf(details: Record<string, string | number | boolean | null>, fields: FieldLabel[]): Fact[] {
  return Object.entries(details)
    .filter(([, v]) => v !== null && v !== '')
    .map(([key, value]) => {
      const check = /^(.*)_(found|listed)$/.exec(key);
      if (check && typeof value === 'boolean') {
        const field = fields.find((f) => f.name === check[1]);
        const subject = field?.label ?? words(check[1]!);
        const verb = check[2] === 'found' ? 'found' : 'listed';
        return { key, text: `${subject}: ${value ? verb : `not ${verb}`} on this account`, warning: !value, field: field?.name ?? null };
      }
      if (typeof value === 'boolean') return { key, text: `${words(key)}: ${value ? 'yes' : 'no'}`, warning: !value, field: null };
      return { key, text: `${words(key)}: ${String(value)}`, warning: false, field: null };
    });
}

/** The fields a passed test warns about, with the warning to show on each. */
export function fieldWarnings(result: TestResult, fields: FieldLabel[]): Record<string, string> {
  if (!result.ok) return {};
  return Object.fromEntries(factsOf(result.details, fields).filter((f) => f.warning && f.field).map((f) => [f.field!, f.text]));
}

/** The one field a failure is about, when its words name exactly one ("Check the Account SID…"). */
export function failedField(result: TestResult, fields: FieldLabel[]): string | null {
  if (result.ok) return null;
  const text = `${result.message} ${result.hint}`.toLowerCase();
  const named = fields.filter((f) => f.label.length > 2 && text.includes(f.label.toLowerCase()));
  return named.length === 1 ? named[0]!.name : null;
}

/** A connection test's result, announced to screen readers as it appears; it never says two things at once. */
export function TestResultPanel({ result, fields = [] }: { result: TestResult; fields?: FieldLabel[] }) {
  if (result.ok) {
    const facts = factsOf(result.details, fields);
    const warnings = facts.filter((f) => f.warning);
    return (
      <Alert role="status" className={warnings.length ? 'border-amber-500/60' : 'border-emerald-600/40'}>
        {warnings.length ? <CircleAlert aria-hidden className="text-amber-700 dark:text-amber-400" /> : <CircleCheck aria-hidden className="text-emerald-700 dark:text-emerald-400" />}
        <AlertTitle>{warnings.length ? 'Connected, with a warning' : 'Connection verified'}</AlertTitle>
        <AlertDescription>
          <ul className="grid gap-0.5">
            {facts.map((f) => (
              <li key={f.key} className={f.warning ? 'font-medium text-amber-800 dark:text-amber-300' : undefined}>
                {f.text}
              </li>
            ))}
            <li className="text-muted-foreground">Answered in {result.latencyMs} ms</li>
          </ul>
        </AlertDescription>
      </Alert>
    );
  }
  // A hint that already says how long to wait makes "Retry after" say it twice.
  const wait = result.retryAfterSeconds;
  const hintSaysWait = wait !== undefined && new RegExp(`\\b${wait}\\s?s\\b|\\b${wait} seconds?\\b`).test(result.hint);
  return (
    <Alert role="alert" variant="destructive" data-code={result.code}>
      <CircleX aria-hidden />
      <AlertTitle>{failureTitles[result.code]}</AlertTitle>
      <AlertDescription>
        <p>{result.message}</p>
        {result.hint && result.hint !== result.message && <p>{result.hint}</p>}
        {wait !== undefined && !hintSaysWait && <p>Try again in {wait} s.</p>}
      </AlertDescription>
    </Alert>
  );
}
