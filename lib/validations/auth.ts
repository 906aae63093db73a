import { z } from 'zod';

export const signInSchema = z.object({
  email: z.email('Enter a valid email address.').trim().toLowerCase().max(254),
  password: z.string().min(1, 'Enter your password.').max(200),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** The error next-auth reports when the throttle refuses an attempt (shown as a friendly message). */
export const SIGN_IN_THROTTLED = 'TooManyAttempts';
