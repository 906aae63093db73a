import { useEffect } from 'react';
import type { FieldPath, FieldValues, Resolver, UseFormReturn, UseFormSetError } from 'react-hook-form';
import type * as z from 'zod/mini';

/** Puts a server action's per-field messages on the form's fields (the first message of each). */
export function applyFieldErrors<T extends FieldValues>(setError: UseFormSetError<T>, fieldErrors: Record<string, string[]> | undefined, path: (field: string) => string = (f) => f): void {
  for (const [field, messages] of Object.entries(fieldErrors ?? {})) setError(path(field) as FieldPath<T>, { message: messages[0] });
}

/**
 * A form resolver that fetches zod and the form's schema when the form first validates (on submit),
 * not with the page: forms and server keep sharing one schema, and the page stays light. Create it
 * once per form, at module level, so the loaded schema is kept.
 */
export function lazyZodResolver<S extends z.core.$ZodType<FieldValues, FieldValues>>(load: () => Promise<S>): Resolver<z.input<S>, unknown, z.output<S>> {
  let ready: Promise<Resolver<z.input<S>, unknown, z.output<S>>> | undefined;
  return async (values, context, options) => {
    ready ??= Promise.all([import('@hookform/resolvers/zod'), load()]).then(
      ([{ zodResolver }, schema]) => zodResolver(schema) as Resolver<z.input<S>, unknown, z.output<S>>,
    );
    return (await ready)(values, context, options);
  };
}

/**
 * For a form whose fields carry their saved values in the server's markup (`defaultValue`) instead of
 * useForm's defaultValues: the form then reads each field from the page when it comes alive, so a
 * change made before that is kept rather than written over (React keeps what was typed or chosen before
 * hydration), and the fields need not be disabled until then (enabling them all at once restyles every
 * control and option in one long pause). Reading a field does not tell the form's watchers, so once
 * it is alive the values read are handed back to the form as its starting values, which does.
 */
export function useFieldsFromPage<T extends FieldValues>(form: UseFormReturn<T>): void {
  useEffect(() => {
    form.reset(form.getValues(), { keepFieldsRef: true });
  }, [form]);
}
