'use client';

import { useForm } from 'react-hook-form';
import { lazyZodResolver } from '@/lib/forms';
import { formatMajor } from '@/lib/money';
import { ActionButton, ActionMessage, Fact, Facts, IdFact, ProviderStatus, useAction, useFieldErrors, type ActionError } from './kit';
import { TryField } from './field';

type Values = { amount: string; currency: string };
const names = { amount: 'amount', currency: 'currency' } as const;

const resolver = lazyZodResolver(() => import('@/lib/validations/try-it').then((m) => m.tryPaymentSchema));

/**
 * Amount and currency for a test payment (Stripe, PayPal), sent as the operation's input with the
 * amount in major units as typed ("10.00"). The provider's field messages land beside the fields.
 */
export function PaymentForm({
  type,
  label,
  submit,
  busy,
  pending,
  disabled,
  error,
  onSubmit,
}: {
  type: string;
  label: string;
  submit: string;
  busy: string;
  pending: boolean;
  disabled: boolean;
  error: ActionError | null;
  onSubmit: (values: Values) => void;
}) {
  const form = useForm<Values>({ resolver, defaultValues: { amount: '10.00', currency: 'USD' } });
  const { errors } = form.formState;
  const id = (name: string) => `${type}-try-${name}`;
  const besideField = useFieldErrors(form.setError, error, names);

  return (
    <form noValidate aria-label={label} onSubmit={form.handleSubmit(onSubmit)} className="grid gap-3">
      <div className="grid gap-3 sm:grid-cols-[minmax(0,12rem)_minmax(0,8rem)]">
        <TryField id={id('amount')} label="Amount" inputMode="decimal" error={errors.amount?.message} register={form.register('amount')} />
        <TryField id={id('currency')} label="Currency" maxLength={3} className="uppercase" error={errors.currency?.message} register={form.register('currency')} />
      </div>
      <div>
        <ActionButton type="submit" pending={pending} busy={busy} disabled={disabled}>
          {submit}
        </ActionButton>
      </div>
      <ActionMessage error={error} hidden={besideField} />
    </form>
  );
}

type Refund = { refundId: string; status: string; amount: number | string; currency: string };

/** The refund a payment panel offers once the payment is taken (Stripe, PayPal), and its result. */
export function RefundStep({ refund, paymentId, ready, busy }: { refund: ReturnType<typeof useAction<Refund>>; paymentId: string; ready: boolean; busy: boolean }) {
  return (
    <>
      {ready && !refund.data && (
        <div>
          <ActionButton type="button" variant="outline" pending={refund.isPending} busy="Refunding…" disabled={busy} onClick={() => refund.mutate({ paymentId })}>
            Refund
          </ActionButton>
        </div>
      )}
      <ActionMessage error={refund.error} />
      {refund.data && (
        <Facts label="The refund">
          <IdFact label="Refund id" value={refund.data.refundId} />
          <Fact label="Refund status">
            <ProviderStatus status={refund.data.status} />
          </Fact>
          <Fact label="Refunded">{formatMajor(refund.data.amount, refund.data.currency)}</Fact>
        </Facts>
      )}
    </>
  );
}

export const useRefund = (type: 'stripe' | 'paypal') => useAction<Refund>(type, 'refund');
