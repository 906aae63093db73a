'use client';

import { useForm } from 'react-hook-form';
import { lazyZodResolver } from '@/lib/forms';
import { ActionButton, ActionMessage, Fact, Facts, IdFact, OutLink, ProviderStatus, localTime, useAction, useFieldErrors } from './kit';
import { TryField } from './field';

type Values = { templateId: string; email: string; name: string };
type Signer = { id: string | number; role: string | null; status: string; signUrl?: string | null; completedAt?: string | null };
type Submission = { submissionId: string | number; status: string; signers: Signer[] };
type Checked = Submission & { completedAt: string | null; expireAt: string | null; documents: { name?: string | null; url?: string | null }[] };

const resolver = lazyZodResolver(() => import('@/lib/validations/try-it').then((m) => m.trySigningSchema));
const names = { templateId: 'templateId', signers: 'email' } as const;

/**
 * A signing request from one of the account's templates to one signer, and its status asked for
 * again. Signing links let whoever holds them sign: they are shown here only.
 */
export function DocuSealTry() {
  const create = useAction<Submission>('docuseal', 'create_submission');
  const check = useAction<Checked>('docuseal', 'get_submission');
  const busy = create.isPending || check.isPending;
  const form = useForm<Values>({ resolver, defaultValues: { templateId: '', email: '', name: '' } });
  const { errors } = form.formState;
  const besideField = useFieldErrors(form.setError, create.error, names);
  const sent = create.data;
  const latest: Submission | undefined = check.data ?? sent;
  const documents = (check.data?.documents ?? []).flatMap((d) => (d.url ? [{ url: d.url, name: d.name ?? null }] : []));

  const submit = (values: Values) =>
    create.mutate(
      { templateId: Number(values.templateId), signers: [{ email: values.email, ...(values.name ? { name: values.name } : {}) }] },
      { onSuccess: () => check.reset() },
    );

  return (
    <div className="grid gap-4">
      <form noValidate aria-label="Try a DocuSeal signing request" onSubmit={form.handleSubmit(submit)} className="grid gap-3">
        <TryField id="docuseal-try-template" label="Template id" inputMode="numeric" error={errors.templateId?.message} register={form.register('templateId')} help="The number in the template’s address in DocuSeal." />
        <div className="grid gap-3 sm:grid-cols-2">
          <TryField
            id="docuseal-try-email"
            label="Signer’s email"
            type="email"
            autoComplete="email"
            error={errors.email?.message}
            register={form.register('email')}
            help="DocuSeal emails this person the signing link: use your own address to try it."
          />
          <TryField id="docuseal-try-name" label="Signer’s name (optional)" autoComplete="name" error={errors.name?.message} register={form.register('name')} />
        </div>
        <div>
          <ActionButton type="submit" pending={create.isPending} busy="Sending…" disabled={busy}>
            Send a signing request
          </ActionButton>
        </div>
        <ActionMessage error={create.error} hidden={besideField} />
      </form>
      {sent && latest && (
        <div aria-live="polite" className="grid gap-3">
          <Facts label="The signing request">
            <IdFact label="Submission id" value={String(sent.submissionId)} />
            <Fact label="Status">
              <ProviderStatus status={latest.status} />
            </Fact>
            {check.data?.completedAt && <Fact label="Completed">{localTime(check.data.completedAt)}</Fact>}
            {check.data?.expireAt && <Fact label="Expires">{localTime(check.data.expireAt)}</Fact>}
            {latest.signers.map((signer, i) => {
              const role = signer.role ?? `Signer ${i + 1}`;
              const link = signer.signUrl ?? sent.signers.find((s) => s.id === signer.id)?.signUrl;
              return (
                <Fact key={String(signer.id)} label={role}>
                  <span className="flex flex-wrap items-center gap-2">
                    <ProviderStatus status={signer.status} />
                    {link && signer.status !== 'completed' && <OutLink href={link}>Open the signing page for {role}</OutLink>}
                  </span>
                </Fact>
              );
            })}
            {documents.length > 0 && (
              <Fact label="Documents">
                <span className="grid gap-1">
                  {documents.map((d, i) => (
                    <OutLink key={d.url} href={d.url}>
                      Download {d.name ?? `document ${i + 1}`}
                    </OutLink>
                  ))}
                </span>
              </Fact>
            )}
          </Facts>
          <p className="text-muted-foreground text-xs">A signing link lets whoever holds it sign: give it only to the signer.</p>
          <div>
            <ActionButton type="button" variant="outline" pending={check.isPending} busy="Checking…" disabled={busy} onClick={() => check.mutate({ submissionId: sent.submissionId })}>
              Check status
            </ActionButton>
          </div>
          <ActionMessage error={check.error} />
        </div>
      )}
    </div>
  );
}
