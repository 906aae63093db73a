import { declareOperations } from '@/lib/operations/define';
import {
  getPaymentInput,
  paymentOutput,
  paypalCaptureOrderInput,
  paypalCaptureOrderOutput,
  paypalCreateOrderInput,
  paypalCreateOrderOutput,
  paypalPaymentId,
  refundInput,
  refundOutput,
} from '@/lib/validations/operations/payments';

// PayPal checkout as Orders v2: the portal creates an order, the buyer approves it at its approveUrl,
// the portal captures it, and refunds go to the capture.

export const paypalOperations = declareOperations({
  create_order: {
    family: 'payments',
    access: 'write',
    title: 'Create a PayPal order',
    description: 'Creates a PayPal order to capture the amount (in major units, sent as an exact decimal). Send the buyer to its approveUrl, then capture it.',
    input: paypalCreateOrderInput,
    output: paypalCreateOrderOutput,
    idempotent: true,
  },
  capture_order: {
    family: 'payments',
    access: 'write',
    title: 'Capture a PayPal order',
    description: 'Takes the payment of an order the buyer approved. Before approval it is refused; an order captured already answers with its capture.',
    input: paypalCaptureOrderInput,
    output: paypalCaptureOrderOutput,
    object: 'paymentId',
    idempotent: true,
  },
  get_payment: {
    family: 'payments',
    access: 'read',
    title: 'Get a payment',
    description: 'The order’s current status, amount, capture and how much of it was refunded.',
    input: getPaymentInput(paypalPaymentId),
    output: paymentOutput,
    object: 'paymentId',
    idempotent: true,
  },
  refund: {
    family: 'payments',
    access: 'write',
    title: 'Refund a payment',
    description: 'Refunds a captured order: all that remains, or the amount given in the payment’s currency. PayPal takes no reason, so one given is not sent.',
    input: refundInput(paypalPaymentId),
    output: refundOutput,
    object: 'paymentId',
    idempotent: true,
  },
});
