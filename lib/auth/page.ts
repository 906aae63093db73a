import 'server-only';
import { forbidden, notFound, redirect } from 'next/navigation';
import { AppError } from '@/lib/http/errors';

/**
 * Runs an authorization check for a page: no session goes to the sign-in page (and back afterwards),
 * a lower role gets the 403 page, another organization's id gets the 404 page.
 */
export async function guardPage<T>(check: () => Promise<T>, returnTo: string): Promise<T> {
  let status: number;
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    status = error.status;
  }
  if (status === 401) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (status === 404) notFound();
  forbidden();
}
