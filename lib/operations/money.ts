import * as z from 'zod/mini';
import '@/lib/validations/locale';
import { digitsOf, MoneyError, moneyProblem } from '@/lib/money';

// The money fields of the payment operations' inputs; the conversions themselves are in lib/money.

const CURRENCY = /^[A-Za-z]{3}$/;

const shapeOk = (amount: unknown) => {
  if (typeof amount !== 'number' && typeof amount !== 'string') return false;
  try {
    digitsOf(amount);
    return true;
  } catch {
    return false;
  }
};

/**
 * An amount in major units, as a JSON number (99.99) or a decimal string ("99.99"). Its shape is
 * checked here; whether it fits its currency's decimals is checked beside the currency
 * (`amountFitsCurrency`).
 */
export const moneyAmount = z.union([z.number('Enter the amount, e.g. 99.99.'), z.string('Enter the amount, e.g. 99.99.')]).check(
  z.superRefine((value, ctx) => {
    try {
      digitsOf(value);
    } catch (error) {
      if (!(error instanceof MoneyError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
    }
  }),
);

/** A three-letter ISO 4217 code, any case in, upper case out. */
export const currencyCode = z.string('Enter the currency, e.g. USD.').check(
  z.regex(CURRENCY, 'A currency is its three-letter ISO 4217 code, e.g. USD, EUR or JPY.'),
  z.toUpperCase(),
);

/** Refuses an amount its currency cannot express (too many decimals, too large), on the amount field. */
export const amountFitsCurrency = () =>
  z.superRefine<{ amount: number | string; currency: string }>((value, ctx) => {
    // A malformed amount or currency has its own issue already.
    if (!CURRENCY.test(value.currency) || !shapeOk(value.amount)) return;
    const problem = moneyProblem(value.amount, value.currency);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['amount'], input: value.amount });
  });
