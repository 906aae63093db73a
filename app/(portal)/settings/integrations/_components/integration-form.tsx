'use client';

import { useMemo, useState, useTransition } from 'react';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useForm, type FieldPath, type Resolver } from 'react-hook-form';
import { toast } from '@/lib/toast';
import { applyFieldErrors } from '@/lib/forms';
import type { TestResult } from '@/lib/integrations/define';
import type { FormView } from '@/lib/integrations/form';
import type { IntegrationDetail } from '@/lib/integrations/status';
import { Button } from '@/components/ui/button';
import { Field, FieldDescription, FieldError, FieldGroup, FieldLabel } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { NativeSelect, NativeSelectOption } from '@/components/ui/native-select';
import { failedField, fieldWarnings, TestResultPanel } from '@/components/integrations/test-result';
import { deleteIntegrationAction, saveIntegrationAction, testIntegrationAction } from '../actions';

// The confirmation's dialog code arrives when someone first asks to delete, not with the page.
const ConfirmDialog = dynamic(() => import('@/components/shell/confirm-dialog').then((m) => m.ConfirmDialog), { ssr: false });

/**
 * Fetches the provider registry, zod and the resolver when the form first validates rather than with
 * the page, then builds the form's schema from the provider's own.
 */
function lazyFormResolver(type: string, savedSecrets: string[]): Resolver<FormValues> {
  let ready: Promise<Resolver<FormValues>> | undefined;
  return async (values, context, options) => {
    ready ??= Promise.all([import('@hookform/resolvers/zod'), import('@/lib/integrations/form'), import('@/lib/integrations/registry')]).then(
      ([{ zodResolver }, { integrationFormSchema }, { findProvider }]) =>
        zodResolver(integrationFormSchema(findProvider(type)!, savedSecrets)) as unknown as Resolver<FormValues>,
    );
    return (await ready)(values, context, options);
  };
}

type FormValues = { display_name: string; credentials: Record<string, string> };

export type FormDetail = Pick<IntegrationDetail, 'values' | 'secretHints' | 'displayName' | 'version' | 'unreadable'>;

function defaultsFor(provider: FormView, detail: FormDetail | null): FormValues {
  const credentials: Record<string, string> = {};
  for (const field of provider.fields) credentials[field.name] = field.secret ? '' : (detail?.values[field.name] ?? field.start);
  // A new form starts with its preset's values (e.g. the SMTP port and security of "Custom server").
  const presets = provider.presets;
  if (!detail && presets) {
    for (const [field, value] of Object.entries(presets.fill[credentials[presets.field] ?? ''] ?? {})) {
      if (!credentials[field]) credentials[field] = value ?? '';
    }
  }
  return { display_name: detail?.displayName ?? provider.name, credentials };
}

/**
 * An admin's form for one integration. Secrets are write-only: a saved one shows only its masked hint
 * and is kept when left blank. Test connection tries the values on screen without saving; Save tests
 * first and saves only if the provider accepts them, unless the admin chooses to save unverified.
 */
export function IntegrationForm({ provider, detail: initial }: { provider: FormView; detail: FormDetail | null }) {
  const { type } = provider;
  // What this form last saw of the saved row: its version guards the next save against overwriting
  // someone else's change, its hints label the secret fields.
  const [detail, setDetail] = useState<FormDetail | null>(initial);
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState<null | 'test' | 'save' | 'delete'>(null);
  const [result, setResult] = useState<TestResult | null>(null);
  const [failedSave, setFailedSave] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [warnings, setWarnings] = useState<Record<string, string>>({});
  const savedSecrets = Object.keys(detail?.secretHints ?? {});
  const secretsKey = savedSecrets.join(',');
  // Which secrets may be left blank changes after a save or delete (useForm takes the new resolver).
  const resolver = useMemo(() => lazyFormResolver(type, secretsKey ? secretsKey.split(',') : []), [type, secretsKey]);
  const form = useForm<FormValues>({
    resolver,
    defaultValues: defaultsFor(provider, detail),
  });
  const saved = detail !== null && detail.version !== null;
  const id = (name: string) => `${type}-${name}`;

  // Credential fields live under `credentials.` in the form; the display name at the top.
  const showFieldErrors = (fieldErrors: Record<string, string[]> | undefined) =>
    applyFieldErrors(form.setError, fieldErrors, (field) => (field === 'display_name' ? field : `credentials.${field}`));

  const labels = provider.fields.map((f) => ({ name: f.name, label: f.label }));
  // A result about one field shows on that field too: a failure as its error, a doubtful fact as an amber warning.
  const showResult = (next: TestResult | null) => {
    setResult(next);
    setWarnings(next ? fieldWarnings(next, labels) : {});
    const field = next ? failedField(next, labels) : null;
    if (next && !next.ok && field) form.setError(`credentials.${field}` as FieldPath<FormValues>, { type: 'server', message: next.message });
  };

  const runTest = () =>
    void form.handleSubmit((values) =>
      startTransition(async () => {
        setBusy('test');
        showResult(null);
        const response = await testIntegrationAction({ type, credentials: values.credentials });
        setBusy(null);
        if (!response.ok) {
          showFieldErrors(response.fieldErrors);
          toast.error(response.error.message);
          return;
        }
        showResult(response.data);
        if (response.data.ok) setFailedSave(false);
        if (response.data.ok) toast.success(`${provider.name} connection verified`);
        else toast.error(response.data.message);
        router.refresh();
      }),
    )();

  const save = (values: FormValues, unverified = false) =>
    startTransition(async () => {
      setBusy('save');
      const response = await saveIntegrationAction({
        type,
        display_name: values.display_name,
        credentials: values.credentials,
        save_unverified: unverified,
        ...(detail?.version ? { expected_version: detail.version } : {}),
      });
      setBusy(null);
      if (!response.ok) {
        showFieldErrors(response.fieldErrors);
        toast.error(response.error.message);
        return;
      }
      if (!response.data.saved) {
        showResult(response.data.result);
        setFailedSave(true);
        toast.error('Not saved: the connection test failed. Your previous settings are unchanged.');
        return;
      }
      setFailedSave(false);
      const next = response.data.detail;
      setDetail(next);
      form.reset(defaultsFor(provider, next));
      showResult(response.data.result);
      toast.success(next.isVerified ? `${provider.name} saved and verified` : `${provider.name} saved without verification`);
      router.refresh();
    });

  // A refused delete keeps the confirmation open with the reason; the credentials are as they were.
  const remove = async () => {
    const response = await deleteIntegrationAction({ type, ...(detail?.version ? { expected_version: detail.version } : {}) });
    if (!response.ok) return response.error.message;
    setConfirmDelete(false);
    showResult(null);
    setFailedSave(false);
    setDetail(null);
    form.reset(defaultsFor(provider, null));
    toast.success(`${provider.name} credentials deleted`);
    router.refresh();
  };

  const { errors } = form.formState;
  // The server-rendered page shows the saved values before the form takes over in the browser.
  const initialValue = (name: string) => form.formState.defaultValues?.credentials?.[name];
  const credentialErrors = (errors.credentials ?? {}) as Record<string, { message?: string } | undefined>;

  return (
    <form noValidate aria-label={`${provider.name} settings`} onSubmit={form.handleSubmit((values) => save(values))} className="grid gap-5">
      {detail?.unreadable && (
        <p role="alert" className="text-destructive text-sm">
          The saved credentials cannot be read (they were moved, altered, or sealed with a key the server no longer has). Enter them again and save.
        </p>
      )}
      <FieldGroup className="gap-5">
        <Field data-invalid={!!errors.display_name}>
          <FieldLabel htmlFor={id('display_name')}>Display name</FieldLabel>
          <Input id={id('display_name')} aria-invalid={!!errors.display_name} defaultValue={form.formState.defaultValues?.display_name} {...form.register('display_name')} />
          <FieldError>{errors.display_name?.message}</FieldError>
        </Field>
        {provider.fields.map((spec) => {
          const { name } = spec;
          const error = credentialErrors[name]?.message;
          const hint = detail?.secretHints[name];
          // A hint holds the secret's last four characters only when it is long enough to spare them.
          const ending = hint?.replace(/^•+/, '') ?? '';
          const warning = warnings[name];
          const registered = form.register(`credentials.${name}` as FieldPath<FormValues>);
          const fill = provider.presets?.field === name ? provider.presets.fill : null;
          const register = fill
            ? {
                ...registered,
                onChange: async (event: { target: { value: string } }) => {
                  await registered.onChange(event);
                  for (const [field, value] of Object.entries(fill[event.target.value] ?? {})) {
                    form.setValue(`credentials.${field}` as FieldPath<FormValues>, value ?? '', { shouldDirty: true });
                  }
                },
              }
            : registered;
          return (
            <Field key={name} data-invalid={!!error}>
              <FieldLabel htmlFor={id(name)}>{spec.label}</FieldLabel>
              {spec.kind === 'select' ? (
                <NativeSelect id={id(name)} aria-invalid={!!error} defaultValue={initialValue(name)} {...register}>
                  {spec.optional && <NativeSelectOption value="">{spec.placeholder ?? 'Not set'}</NativeSelectOption>}
                  {spec.options?.map((o) => (
                    <NativeSelectOption key={o.value} value={o.value}>
                      {o.label}
                    </NativeSelectOption>
                  ))}
                </NativeSelect>
              ) : (
                <Input
                  id={id(name)}
                  type={spec.secret ? 'password' : spec.kind === 'number' ? 'number' : spec.kind === 'email' ? 'email' : spec.kind === 'url' ? 'url' : 'text'}
                  autoComplete={spec.secret ? 'new-password' : 'off'}
                  spellCheck={false}
                  placeholder={spec.secret && hint ? (ending ? `Leave blank to keep ${hint}` : 'Leave blank to keep the saved one') : spec.placeholder}
                  aria-invalid={!!error}
                  defaultValue={initialValue(name)}
                  {...register}
                />
              )}
              {spec.secret && hint && <FieldDescription>{ending ? `Saved, ends in ${hint}. Leave blank to keep it.` : 'Saved. Leave blank to keep it.'}</FieldDescription>}
              {warning && !error && (
                <p role="status" className="text-sm font-medium text-amber-800 dark:text-amber-300">
                  {warning}
                </p>
              )}
              {spec.help && <FieldDescription>{spec.help}</FieldDescription>}
              <FieldError>{error}</FieldError>
            </Field>
          );
        })}
      </FieldGroup>

      <div aria-live="polite">{result && <TestResultPanel result={result} fields={labels} />}</div>

      {failedSave && (
        <div className="flex flex-wrap items-center gap-3 rounded-md border border-dashed p-3 text-sm">
          <span>The provider did not accept the values, so nothing was saved. You can still save what is on screen without verification.</span>
          <Button type="button" variant="outline" size="sm" disabled={pending} onClick={form.handleSubmit((values) => save(values, true))}>
            Save anyway (unverified)
          </Button>
        </div>
      )}

      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" disabled={pending} onClick={runTest}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </Button>
        <Button type="submit" disabled={pending}>
          {busy === 'save' ? 'Testing and saving…' : 'Save'}
        </Button>
        {saved && (
          <Button type="button" variant="ghost" className="text-destructive ml-auto" disabled={pending} onClick={() => setConfirmDelete(true)}>
            Delete
          </Button>
        )}
      </div>

      {confirmDelete && (
        <ConfirmDialog
          title={`Delete the ${provider.name} credentials?`}
          description={`The saved credentials are erased and anything using ${provider.name} stops working (unless the server environment provides credentials). This cannot be undone.`}
          confirm={`Delete ${provider.name} credentials`}
          pendingLabel="Deleting…"
          destructive
          onCancel={() => setConfirmDelete(false)}
          onConfirm={remove}
        />
      )}
    </form>
  );
}
