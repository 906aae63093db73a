'use client';

import { useForm } from 'react-hook-form';
import { lazyZodResolver } from '@/lib/forms';
import { ActionButton, ActionMessage, Fact, Facts, IdFact, OutLink, ProviderStatus, localTime, useAction, useFieldErrors } from './kit';
import { TryField } from './field';

type Values = { fullName: string; documentNumber: string };
type Check = { checkId: string; onboardingId: string; onboardingUrl: string | null; status: string; expiresAt: string | null };
type Result = { checkId: string; onboardingId: string; status: string; result: string | null; steps: { document: string | null; liveness: string | null; faceMatch: string | null } };

const resolver = lazyZodResolver(() => import('@/lib/validations/try-it').then((m) => m.tryIdentitySchema));
const names = { fullName: 'fullName', documentNumber: 'documentNumber' } as const;

const steps: [keyof Result['steps'], string][] = [
  ['document', 'Document'],
  ['liveness', 'Liveness'],
  ['faceMatch', 'Face match'],
];

/** An identity check started for a MyKad holder, who finishes it on CTOS's page; then its result. */
export function CtosTry() {
  const create = useAction<Check>('ctos', 'create_check');
  const check = useAction<Result>('ctos', 'get_check');
  const busy = create.isPending || check.isPending;
  const form = useForm<Values>({ resolver, defaultValues: { fullName: '', documentNumber: '' } });
  const { errors } = form.formState;
  const besideField = useFieldErrors(form.setError, create.error, names);
  const started = create.data;
  const result = check.data;

  const submit = (values: Values) =>
    create.mutate({ fullName: values.fullName, documentNumber: values.documentNumber.replaceAll('-', ''), documentType: 'mykad' }, { onSuccess: () => check.reset() });

  return (
    <div className="grid gap-4">
      <form noValidate aria-label="Try a CTOS identity check" onSubmit={form.handleSubmit(submit)} className="grid gap-3">
        <div className="grid gap-3 sm:grid-cols-2">
          <TryField id="ctos-try-name" label="Full name" autoComplete="name" error={errors.fullName?.message} register={form.register('fullName')} help="As on the MyKad." />
          <TryField id="ctos-try-number" label="MyKad number" inputMode="numeric" error={errors.documentNumber?.message} register={form.register('documentNumber')} placeholder="900101-14-5678" />
        </div>
        <div>
          <ActionButton type="submit" pending={create.isPending} busy="Starting…" disabled={busy}>
            Run a test identity check
          </ActionButton>
        </div>
        <ActionMessage error={create.error} hidden={besideField} />
      </form>
      {started && (
        <div aria-live="polite" className="grid gap-3">
          <Facts label="The identity check">
            <IdFact label="Check id" value={started.checkId} />
            <Fact label="Status">
              <ProviderStatus status={result?.status ?? started.status} />
            </Fact>
            {result?.result && (
              <Fact label="Result">
                <ProviderStatus status={result.result} />
              </Fact>
            )}
            {result &&
              steps.map(([key, label]) => (
                <Fact key={key} label={label}>
                  <ProviderStatus status={result.steps[key]} />
                </Fact>
              ))}
            {!result?.result && started.onboardingUrl && (
              <Fact label="Onboarding">
                <span className="grid gap-1">
                  <OutLink href={started.onboardingUrl}>Open the onboarding page</OutLink>
                  <span className="text-muted-foreground text-xs">The person checked scans their MyKad and takes a selfie there{started.expiresAt ? `, until ${localTime(started.expiresAt)}` : ''}.</span>
                </span>
              </Fact>
            )}
          </Facts>
          <div>
            <ActionButton type="button" variant="outline" pending={check.isPending} busy="Checking…" disabled={busy} onClick={() => check.mutate({ checkId: started.checkId })}>
              Check result
            </ActionButton>
          </div>
          <ActionMessage error={check.error} />
        </div>
      )}
    </div>
  );
}
