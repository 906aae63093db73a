import { bodyOf, operationRoute } from '@/lib/operations/http';

/** Any integration's operation by name, with its input as the JSON body: the provider's result, or a typed error. */
export const POST = operationRoute<{ type: string; action: string }>(({ type, action }) => ({ type, action }), bodyOf);
