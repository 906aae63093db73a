import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { declareOperations, type OperationDeclaration } from './define';
import { operationOptions } from './catalog-options';

const op = (title: string): OperationDeclaration => ({ family: 'payments', access: 'write', title, description: title, input: z.object({}), output: z.object({}), idempotent: true });

describe('the Operation filter’s options', () => {
  it('names each operation by its provider and title, with the action as the value, in the registry’s order', () => {
    const options = operationOptions([
      { name: 'Twilio' },
      { name: 'Stripe', operations: { declarations: declareOperations({ create_intent: op('Create a payment intent'), refund: op('Refund a payment') }) } },
      { name: 'Zoom', operations: { declarations: declareOperations({ create_meeting: op('Create a meeting') }) } },
    ]);
    expect(options).toEqual([
      { value: 'create_intent', label: 'Stripe — Create a payment intent' },
      { value: 'refund', label: 'Stripe — Refund a payment' },
      { value: 'create_meeting', label: 'Zoom — Create a meeting' },
    ]);
  });

  it('offers an action two providers share once, naming both, since the filter matches the action alone', () => {
    const options = operationOptions([
      { name: 'Stripe', operations: { declarations: declareOperations({ refund: op('Refund a payment') }) } },
      { name: 'PayPal', operations: { declarations: declareOperations({ refund: op('Refund a payment'), capture_order: op('Capture an order') }) } },
    ]);
    expect(options).toEqual([
      { value: 'refund', label: 'Stripe / PayPal — Refund a payment' },
      { value: 'capture_order', label: 'PayPal — Capture an order' },
    ]);
  });

  it('has no options while no integration declares operations, so the page hides the filter', () => {
    expect(operationOptions([{ name: 'Twilio' }, { name: 'Resend' }])).toEqual([]);
    expect(Array.isArray(operationOptions())).toBe(true);
  });
});
