'use client';

import { formatMajor } from '@/lib/money';
import { ActionButton, ActionMessage, Fact, Facts, IdFact, ProviderStatus, useAction } from './kit';
import { PaymentForm, RefundStep, useRefund } from './payment-form';

type Intent = { paymentId: string; status: string; amount: number | string; amountMinor: number; currency: string; livemode: boolean };
type Confirmed = { paymentId: string; status: string; nextAction: unknown };

const TEST_CARD = 'pm_card_visa';
const DECLINED_CARD = 'pm_card_chargeDeclined';

/** What Stripe asks for next, when it asks: its own name for the step. */
const stepOf = (next: unknown) =>
  typeof next === 'string' ? next : next && typeof next === 'object' && 'type' in next && typeof next.type === 'string' ? next.type : null;

/**
 * A payment intent made, paid with Stripe's test card (or declined) and refunded. The intent's
 * client secret is never shown: the panel has no use for it.
 */
export function StripeTry({ live }: { live: boolean | null }) {
  const create = useAction<Intent>('stripe', 'create_intent');
  const confirm = useAction<Confirmed>('stripe', 'confirm_intent');
  const refund = useRefund('stripe');
  const busy = create.isPending || confirm.isPending || refund.isPending;
  const intent = create.data;
  const liveMode = intent ? intent.livemode : live === true;
  const status = confirm.data?.status ?? intent?.status;
  const step = stepOf(confirm.data?.nextAction);
  const paying = (card: string) => confirm.isPending && confirm.variables?.paymentMethod === card;
  const pay = (card: string) => intent && confirm.mutate({ paymentId: intent.paymentId, paymentMethod: card }, { onSuccess: () => refund.reset() });

  return (
    <div className="grid gap-4">
      {liveMode ? (
        <p role="note" className="rounded-md border border-amber-600/50 bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-100">
          This Stripe account is in <strong>live mode</strong>: this takes a real payment. A card paid against the intent is really charged, and Stripe’s test cards do not
          work here, so they are not offered.
        </p>
      ) : (
        <p className="text-muted-foreground text-sm">
          With a test key nothing is charged: the intent is paid with Stripe’s test card, and a refund returns it.
        </p>
      )}
      <PaymentForm
        type="stripe"
        label="Try a Stripe payment"
        submit={liveMode ? 'Create a payment intent' : 'Create a test payment intent'}
        busy="Creating…"
        pending={create.isPending}
        disabled={busy}
        error={create.error}
        onSubmit={(values) =>
          create.mutate(values, {
            onSuccess: () => {
              confirm.reset();
              refund.reset();
            },
          })
        }
      />
      {intent && (
        <div aria-live="polite" className="grid gap-3">
          <Facts label="The payment intent">
            <IdFact label="Payment id" value={intent.paymentId} />
            <Fact label="Status">
              <ProviderStatus status={status} />
            </Fact>
            <Fact label="Amount">{formatMajor(intent.amount, intent.currency)}</Fact>
            <Fact label="Mode">{intent.livemode ? 'Live: real money' : 'Test: no money moves'}</Fact>
            {step && <Fact label="Stripe asks for">{step.replaceAll('_', ' ')}</Fact>}
          </Facts>
          {!intent.livemode && status !== 'succeeded' && (
            <div className="flex flex-wrap gap-2">
              <ActionButton type="button" pending={paying(TEST_CARD)} busy="Paying…" disabled={busy} onClick={() => pay(TEST_CARD)}>
                Pay with the test card
              </ActionButton>
              <ActionButton type="button" variant="outline" pending={paying(DECLINED_CARD)} busy="Trying…" disabled={busy} onClick={() => pay(DECLINED_CARD)}>
                Try a declined card
              </ActionButton>
            </div>
          )}
          <ActionMessage error={confirm.error} />
          <RefundStep refund={refund} paymentId={intent.paymentId} ready={status === 'succeeded'} busy={busy} />
        </div>
      )}
    </div>
  );
}
