import type * as z from 'zod/mini';

// What an integration can do besides sending messages: take payments, book meetings and calendar
// events, collect signatures, check identities. Each provider declares its operations twice, like
// the provider itself: here the client-safe half (names, who may call it, the input and output
// schemas the API reference is generated from) in `<provider>.operations.ts`, and the server half
// (one function per operation that speaks the provider's API) in `<provider>.operations.server.ts`.
// The portal (lib/operations) owns everything around a call: the caller's scope and grant, the
// credentials, the deadline, retries where the provider makes them safe, the request log.

export const families = ['payments', 'meetings', 'calendar', 'signing', 'kyc'] as const;
export type Family = (typeof families)[number];

export const familyLabels: Record<Family, string> = {
  payments: 'Payments',
  meetings: 'Meetings',
  calendar: 'Calendar',
  signing: 'Signing',
  kyc: 'Identity checks',
};

export interface OperationDeclaration<I extends z.core.$ZodType = z.core.$ZodType, O extends z.core.$ZodType = z.core.$ZodType> {
  family: Family;
  /** Reads change nothing at the provider (token scope `<family>:read`); writes need `<family>:write`. */
  access: 'read' | 'write';
  /** What a person calls it, for the activity log and the Try it panel: "Create a payment intent". */
  title: string;
  /** One or two sentences for the API reference. */
  description: string;
  input: I;
  output: O;
  /**
   * The input field naming an object an earlier operation of this organization created (a payment,
   * a meeting): it is looked up in the organization's request log before the provider is called, so
   * no organization can act on another's objects.
   */
  object?: string;
  /**
   * A repeated call cannot do the thing twice at the provider (it is a read, or the provider
   * deduplicates by the key the portal sends): only then are failed attempts retried.
   */
  idempotent: boolean;
}

/** A provider's operations, keyed by action name (`create_intent`). */
export type OperationDeclarations = Record<string, OperationDeclaration>;

/** Types the declarations of one provider, keeping each operation's schemas. */
export const declareOperations = <const D extends OperationDeclarations>(declarations: D): D => declarations;

/** Action names: lower case words joined by underscores. */
export const ACTION_NAME = /^[a-z][a-z_]{1,39}$/;
