'use client';

import { useState, useTransition } from 'react';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { toast } from '@/lib/toast';
import { applyFieldErrors, lazyZodResolver, useFieldsFromPage } from '@/lib/forms';
import { useHydrated } from '@/lib/use-hydrated';
import type { TenantWhatsAppConfig } from '@/lib/endpoints/assignments';
import { whatsappKeys } from '@/lib/endpoints/query-keys';
import { ENDPOINT_DEFAULTS } from '@/lib/validations/constants';
import type { EndpointSettings, EndpointSettingsInput } from '@/lib/validations/whatsapp';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { Field, FieldDescription, FieldError, FieldGroup, FieldLabel } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { NativeSelect, NativeSelectOption } from '@/components/ui/native-select';
import { Switch } from '@/components/ui/switch';
import { assignEndpointAction, removeEndpointAction } from '../actions';

// The confirmation's dialog code arrives when someone first saves or removes, not with the page.
const ConfirmDialog = dynamic(() => import('@/components/shell/confirm-dialog').then((m) => m.ConfirmDialog), { ssr: false });

// zod and the schema arrive when the form is first checked, not with the page.
const resolver = lazyZodResolver(() => import('@/lib/validations/whatsapp').then((m) => m.endpointSettingsSchema));

type NumberField = 'health_check_interval' | 'message_timeout' | 'reconnect_interval' | 'webhook_retries';
const numberFields: { name: NumberField; label: string; help: string; unit: string }[] = [
  { name: 'health_check_interval', label: 'Health check interval', help: 'How often the endpoint is checked (10–3600).', unit: 's' },
  { name: 'message_timeout', label: 'Message timeout', help: 'How long a request (and a health check) may take (1–120).', unit: 's' },
  { name: 'reconnect_interval', label: 'Reconnect interval', help: 'Wait between reconnection attempts (10–3600).', unit: 's' },
  { name: 'webhook_retries', label: 'Webhook retries', help: 'Redeliveries of a failed webhook (0–10).', unit: '' },
];

function defaultsFrom(config: TenantWhatsAppConfig | null, names: string[]): EndpointSettings {
  return {
    endpoint_name: config?.endpoint_name ?? (names.length === 1 ? names[0]! : ''),
    auto_reconnect: config?.auto_reconnect ?? ENDPOINT_DEFAULTS.auto_reconnect,
    reconnect_interval: config?.reconnect_interval ?? ENDPOINT_DEFAULTS.reconnect_interval,
    health_check_interval: config?.health_check_interval ?? ENDPOINT_DEFAULTS.health_check_interval,
    webhook_retries: config?.webhook_retries ?? ENDPOINT_DEFAULTS.webhook_retries,
    message_timeout: config?.message_timeout ?? ENDPOINT_DEFAULTS.message_timeout,
    expected_version: config?.version ?? null,
  };
}

/**
 * Assign, change or remove a tenant's endpoint. Only endpoint names reach this form. Each save asks
 * for confirmation and carries the version it was loaded with, so a concurrent change is reported
 * instead of overwritten.
 */
export function AssignmentForm({
  tenantId,
  tenantName,
  endpointNames,
  config,
}: {
  tenantId: string;
  tenantName: string;
  endpointNames: string[];
  config: TenantWhatsAppConfig | null;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [confirming, setConfirming] = useState<null | 'save' | 'remove'>(null);
  const defaults = defaultsFrom(config, endpointNames);
  // The endpoint and the numbers carry their saved values in the server's markup (defaultValue) and the
  // form reads them from the page when it comes alive, so a choice made before then is kept; only the
  // switch, which does nothing until then, and the version start in the form. Saving waits for the
  // page to be live (a native submit would only reload it).
  const form = useForm<EndpointSettingsInput, unknown, EndpointSettings>({
    resolver: resolver,
    defaultValues: { auto_reconnect: defaults.auto_reconnect, expected_version: defaults.expected_version },
  });
  useFieldsFromPage(form);
  const assigned = config !== null;
  const chosen = useWatch({ control: form.control, name: 'endpoint_name' });
  const missingFromCatalogue = assigned && !endpointNames.includes(config.endpoint_name);

  const afterChange = async () => {
    // The health card's query library may still be on its way; the cache is the tab's either way.
    await (await import('@/lib/query/observe')).invalidate(whatsappKeys.config(tenantId));
    router.refresh();
  };

  const save = (values: EndpointSettings) =>
    startTransition(async () => {
      const result = await assignEndpointAction({ ...values, tenantId });
      setConfirming(null);
      if (!result.ok) {
        applyFieldErrors(form.setError, result.fieldErrors);
        toast.error(result.error.message);
        return;
      }
      const { config: saved, change } = result.data;
      form.reset(defaultsFrom(saved, endpointNames));
      toast.success(change === 'assigned' ? 'Endpoint assigned' : change === 'changed' ? 'Endpoint settings saved' : 'Nothing changed');
      await afterChange();
    });

  // A refused removal keeps the dialog open with the reason; the assignment is as it was.
  const remove = async () => {
    const result = await removeEndpointAction({ tenantId, expected_version: config?.version ?? null });
    if (!result.ok) return result.error.message;
    setConfirming(null);
    form.reset(defaultsFrom(null, endpointNames));
    toast.success('Endpoint removed');
    await afterChange();
  };

  const { errors } = form.formState;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{assigned ? 'Assigned endpoint' : 'Assign an endpoint'}</CardTitle>
        <CardDescription>
          Endpoints are defined in the server environment; only their names are shown here. Their addresses and keys never leave the server.
        </CardDescription>
      </CardHeader>
      <form
        noValidate
        // The browser must not put back what the fields held before a reload: the form reads them as
        // its starting values, and a stale endpoint or number would be saved under a fresh version.
        autoComplete="off"
        onSubmit={form.handleSubmit(() => setConfirming('save'))}
        aria-label="Endpoint assignment"
      >
        <CardContent>
          <FieldGroup>
            <Field data-invalid={!!errors.endpoint_name}>
              <FieldLabel htmlFor="endpoint_name">Endpoint</FieldLabel>
              <NativeSelect
                id="endpoint_name"
                className="w-full sm:w-80"
                disabled={endpointNames.length === 0}
                defaultValue={defaults.endpoint_name}
                aria-invalid={!!errors.endpoint_name}
                {...form.register('endpoint_name')}
              >
                <NativeSelectOption value="" disabled>
                  {endpointNames.length ? 'Choose an endpoint' : 'No endpoints configured'}
                </NativeSelectOption>
                {endpointNames.map((name) => (
                  <NativeSelectOption key={name} value={name}>
                    {name}
                  </NativeSelectOption>
                ))}
                {missingFromCatalogue && (
                  <NativeSelectOption value={config.endpoint_name} disabled>
                    {config.endpoint_name} (not on the server any more)
                  </NativeSelectOption>
                )}
              </NativeSelect>
              {missingFromCatalogue && (
                <FieldDescription>
                  Not on the server any more — choose another endpoint. “{config.endpoint_name}” was taken out of the server’s WhatsApp endpoints; choose one above and save, or remove the assignment.
                </FieldDescription>
              )}
              <FieldError>{errors.endpoint_name?.message}</FieldError>
            </Field>
            <div className="grid gap-6 sm:grid-cols-2">
              {numberFields.map((f) => (
                <Field key={f.name} data-invalid={!!errors[f.name]}>
                  <FieldLabel htmlFor={f.name}>
                    {f.label}
                    {f.unit && <span className="text-muted-foreground font-normal"> ({f.unit === 's' ? 'seconds' : f.unit})</span>}
                  </FieldLabel>
                  <Input id={f.name} type="number" inputMode="numeric" defaultValue={defaults[f.name]} aria-invalid={!!errors[f.name]} {...form.register(f.name, { valueAsNumber: true })} />
                  <FieldDescription>{f.help}</FieldDescription>
                  <FieldError>{errors[f.name]?.message}</FieldError>
                </Field>
              ))}
            </div>
            <Field orientation="horizontal">
              <Controller
                control={form.control}
                name="auto_reconnect"
                render={({ field }) => <Switch id="auto_reconnect" checked={field.value ?? true} onCheckedChange={field.onChange} />}
              />
              <FieldLabel htmlFor="auto_reconnect">Reconnect automatically when the connection drops</FieldLabel>
            </Field>
          </FieldGroup>
        </CardContent>
        <CardFooter className="mt-6 flex flex-wrap gap-2">
          <Button type="submit" disabled={pending || !hydrated || endpointNames.length === 0}>
            {assigned ? 'Save changes' : 'Assign endpoint'}
          </Button>
          {assigned && (
            <Button type="button" variant="outline" className="text-destructive" disabled={pending} onClick={() => setConfirming('remove')}>
              Remove endpoint
            </Button>
          )}
        </CardFooter>
      </form>

      {confirming !== null && (
        <ConfirmDialog
          pending={pending}
          onCancel={() => !pending && setConfirming(null)}
          onConfirm={() => (confirming === 'remove' ? remove() : void form.handleSubmit(save)())}
          destructive={confirming === 'remove'}
          pendingLabel={confirming === 'remove' ? 'Removing…' : 'Saving…'}
          confirm={confirming === 'remove' ? `Remove ${config?.endpoint_name ?? 'endpoint'}` : assigned ? (chosen !== config.endpoint_name ? 'Change endpoint' : 'Save') : 'Assign'}
          title={
            confirming === 'remove'
              ? `Remove the endpoint from ${tenantName}?`
              : !assigned
                ? `Assign “${chosen}” to ${tenantName}?`
                : chosen !== config.endpoint_name
                  ? `Change ${tenantName} from “${config.endpoint_name}” to “${chosen}”?`
                  : `Save the endpoint settings for ${tenantName}?`
          }
          description={
            confirming === 'remove'
              ? `${tenantName} stops sending and receiving WhatsApp messages through the platform at once, until another endpoint is assigned. Health checks stop.`
              : 'The tenant’s WhatsApp traffic uses this endpoint from now on. Its health is checked right away.'
          }
        />
      )}
    </Card>
  );
}
