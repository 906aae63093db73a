import * as z from 'zod/mini';
import './locale';

export const signInSchema = z.object({
  email: z.email('Enter a valid email address.').check(z.trim(), z.toLowerCase(), z.maxLength(254)),
  password: z.string().check(z.minLength(1, 'Enter your password.'), z.maxLength(200)),
});
export type SignInInput = z.infer<typeof signInSchema>;

export { SIGN_IN_THROTTLED } from './constants';
