import { declareOperations } from '@/lib/operations/define';
import {
  getPaymentInput,
  paymentOutput,
  refundInput,
  refundOutput,
  stripeConfirmIntentInput,
  stripeConfirmIntentOutput,
  stripeCreateIntentInput,
  stripeCreateIntentOutput,
  stripePaymentId,
} from '@/lib/validations/operations/payments';

// Stripe payments as payment intents: the portal creates one, the payer's browser (or the caller,
// with a saved payment method) confirms it, and Stripe's callbacks report the outcome.

export const stripeOperations = declareOperations({
  create_intent: {
    family: 'payments',
    access: 'write',
    title: 'Create a payment intent',
    description: 'Creates a Stripe payment intent for the amount in major units (99.99 USD is charged as 9999 cents). Hand its clientSecret to the payer’s browser for Stripe.js; the result arrives through Stripe’s callbacks.',
    input: stripeCreateIntentInput,
    output: stripeCreateIntentOutput,
    idempotent: true,
  },
  confirm_intent: {
    family: 'payments',
    access: 'write',
    title: 'Confirm a payment intent',
    description: 'Confirms a payment intent with a payment method (pm_…). A declined card is refused with the reason; a card that needs 3-D Secure answers requires_action with a nextAction.',
    input: stripeConfirmIntentInput,
    output: stripeConfirmIntentOutput,
    object: 'paymentId',
    idempotent: true,
  },
  get_payment: {
    family: 'payments',
    access: 'read',
    title: 'Get a payment',
    description: 'The payment intent’s current status, amount and how much of it was refunded.',
    input: getPaymentInput(stripePaymentId),
    output: paymentOutput,
    object: 'paymentId',
    idempotent: true,
  },
  refund: {
    family: 'payments',
    access: 'write',
    title: 'Refund a payment',
    description: 'Refunds a succeeded payment intent: all that remains, or the amount given in the payment’s currency.',
    input: refundInput(stripePaymentId),
    output: refundOutput,
    object: 'paymentId',
    idempotent: true,
  },
});
