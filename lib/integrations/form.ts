// The schema an integration form validates with: the provider's own schema, where each secret that
// is already saved may also be left blank ("Leave blank to keep ••••1234"), plus the display name.
// The server validates the same provider schema after filling blank secrets from the saved row.
// zod/mini, like the provider schemas: this runs in the browser, but only once a form is checked.
import * as z from 'zod/mini';
import { displayNameSchema } from '@/lib/validations/common';
import type { AnyProvider, FieldSpec } from './define';

export function integrationFormSchema(provider: AnyProvider, savedSecrets: readonly string[]) {
  const shape: Record<string, z.core.$ZodType> = {};
  for (const [name, spec] of Object.entries(provider.fields)) {
    if (spec.managed) continue;
    const base = provider.schema.shape[name]!;
    shape[name] = spec.secret && savedSecrets.includes(name) ? z.union([z.literal(''), base]) : base;
  }
  return z.object({ display_name: displayNameSchema, credentials: z.object(shape) });
}

/** Fields a person types, in declaration order (OAuth-managed ones are filled by the flow). */
export const formFields = (provider: AnyProvider) => Object.entries(provider.fields).filter(([, spec]) => !spec.managed);

/** One field as the form draws it; `start` is the value a new form shows, `optional` offers "Not set" on a select. */
export type FormFieldView = Pick<FieldSpec, 'label' | 'secret' | 'kind' | 'options' | 'placeholder' | 'help'> & { name: string; start: string; optional: boolean };

/** What an integration form needs to draw itself, as plain data, so its page carries no schemas. */
export interface FormView {
  type: string;
  name: string;
  fields: FormFieldView[];
  presets: { field: string; fill: Record<string, Record<string, string | undefined>> } | null;
}

/**
 * How a select starts: with its schema's default when an empty value parses to one, empty (offered as
 * a choice) when it may be left unset, else on its first option.
 */
function selectStart(provider: AnyProvider, name: string, spec: FieldSpec): { optional: boolean; value: string } {
  const empty = (provider.schema.shape[name] as z.ZodMiniType).safeParse('');
  if (empty.success && typeof empty.data === 'string' && empty.data !== '') return { optional: false, value: empty.data };
  if (empty.success) return { optional: true, value: '' };
  return { optional: false, value: spec.options?.[0]?.value ?? '' };
}

export function formView(provider: AnyProvider): FormView {
  return {
    type: provider.id,
    name: provider.name,
    fields: formFields(provider).map(([name, spec]) => {
      const start = spec.kind === 'select' ? selectStart(provider, name, spec) : { optional: false, value: '' };
      return {
        name,
        label: spec.label,
        ...(spec.secret ? { secret: true } : {}),
        ...(spec.kind ? { kind: spec.kind } : {}),
        ...(spec.options ? { options: spec.options.map((o) => ({ value: o.value, label: o.label })) } : {}),
        ...(spec.placeholder !== undefined ? { placeholder: spec.placeholder } : {}),
        ...(spec.help !== undefined ? { help: spec.help } : {}),
        start: start.value,
        optional: start.optional,
      };
    }),
    presets: provider.presets ? { field: provider.presets.field, fill: provider.presets.fill } : null,
  };
}
