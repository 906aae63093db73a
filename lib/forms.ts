import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';

/** Puts a server action's per-field messages on the form's fields (the first message of each). */
export function applyFieldErrors<T extends FieldValues>(setError: UseFormSetError<T>, fieldErrors: Record<string, string[]> | undefined, path: (field: string) => string = (f) => f): void {
  for (const [field, messages] of Object.entries(fieldErrors ?? {})) setError(path(field) as FieldPath<T>, { message: messages[0] });
}
