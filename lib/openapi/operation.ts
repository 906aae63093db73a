import * as z from 'zod/mini';
import '@/lib/validations/locale';
import { integrationTypeSchema } from '@/lib/validations/common';
import type { ApiTokenScope } from '@/lib/validations/api-token-scopes';

// What the reference says about one operation. The operations themselves are listed by area in
// ./operations/, with the same zod schemas their route handlers parse with.

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type Auth = 'session' | 'token' | 'public';

export interface Operation {
  method: Method;
  /** OpenAPI form: `/api/v1/settings/members/{id}`. */
  path: string;
  id: string;
  tag: string;
  summary: string;
  description: string;
  /** How a caller authenticates: a portal session, an organization API token, or nothing. */
  auth: Auth[];
  /** The scope an API token needs (when tokens may call it). */
  scope?: ApiTokenScope;
  params?: z.ZodMiniObject;
  query?: z.core.$ZodType;
  body?: z.core.$ZodType;
  /** A body is optional for deletes and for tests of what is saved. */
  bodyOptional?: boolean;
  ok: { status: number; description: string; schema?: z.core.$ZodType; csv?: boolean; /** Answers plain text (a subscription check's echo). */ text?: boolean; redirect?: boolean; /** Also answers 201 with the same body, when it created what it saved. */ created?: boolean };
  /** The error statuses this operation answers besides the ones every operation may (400, 413, 415, 429, 503). */
  errors: number[];
  /** Answers in a shape of their own (next-auth's), instead of the error envelope. */
  own?: Record<number, { description: string; schema?: z.core.$ZodType; redirect?: boolean }>;
}


export const typeParam = z.object({ type: integrationTypeSchema() });
export const idParam = z.object({ id: z.uuid() });
export const tenantParam = z.object({ tenantId: z.uuid() });
export const SESSION: Auth[] = ['session'];
export const BOTH: Auth[] = ['session', 'token'];
