'use client';

import { formatMajor } from '@/lib/money';
import { ActionButton, ActionMessage, Fact, Facts, IdFact, OutLink, ProviderStatus, useAction } from './kit';
import { PaymentForm, RefundStep, useRefund } from './payment-form';

type Order = { paymentId: string; status: string; approveUrl: string | null; amount: number | string; currency: string };
type Capture = { paymentId: string; status: string; captureId: string | null; amount: number | string; currency: string };

/** An order made, approved by the buyer on PayPal's page, captured and refunded. */
export function PayPalTry({ live }: { live: boolean | null }) {
  const create = useAction<Order>('paypal', 'create_order');
  const capture = useAction<Capture>('paypal', 'capture_order');
  const refund = useRefund('paypal');
  const busy = create.isPending || capture.isPending || refund.isPending;
  const order = create.data;
  const status = capture.data?.status ?? order?.status;

  return (
    <div className="grid gap-4">
      {live ? (
        <p role="note" className="rounded-md border border-amber-600/50 bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-100">
          This PayPal account is <strong>live</strong>: this takes a real payment. Whoever approves the order pays it from their PayPal account.
        </p>
      ) : (
        <p className="text-muted-foreground text-sm">
          In the sandbox nothing is charged: approve the order with a sandbox buyer account (PayPal Developer → Sandbox accounts), then capture it.
        </p>
      )}
      <PaymentForm
        type="paypal"
        label="Try a PayPal payment"
        submit={live ? 'Create a PayPal order' : 'Create a sandbox order'}
        busy="Creating…"
        pending={create.isPending}
        disabled={busy}
        error={create.error}
        onSubmit={(values) =>
          create.mutate(values, {
            onSuccess: () => {
              capture.reset();
              refund.reset();
            },
          })
        }
      />
      {order && (
        <div aria-live="polite" className="grid gap-3">
          <Facts label="The order">
            <IdFact label="Payment id" value={order.paymentId} />
            <Fact label="Status">
              <ProviderStatus status={status} />
            </Fact>
            <Fact label="Amount">{formatMajor(order.amount, order.currency)}</Fact>
            {capture.data?.captureId && <IdFact label="Capture id" value={capture.data.captureId} />}
          </Facts>
          {!capture.data && (
            <>
              {order.approveUrl && (
                <p className="text-sm">
                  <OutLink href={order.approveUrl}>Open the approval page</OutLink>
                  <span className="text-muted-foreground"> and approve as the buyer; then capture here.</span>
                </p>
              )}
              <div>
                <ActionButton type="button" pending={capture.isPending} busy="Capturing…" disabled={busy} onClick={() => capture.mutate({ paymentId: order.paymentId })}>
                  Capture the payment
                </ActionButton>
              </div>
            </>
          )}
          <ActionMessage error={capture.error} />
          <RefundStep refund={refund} paymentId={order.paymentId} ready={!!capture.data} busy={busy} />
        </div>
      )}
    </div>
  );
}
