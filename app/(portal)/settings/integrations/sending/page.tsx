import type { Metadata } from 'next';
import Link from 'next/link';
import { guardPage } from '@/lib/auth/page';
import { requireOrgRole } from '@/lib/auth/guards';
import { actorFromSession } from '@/lib/auth/actor';
import { routingOverview } from '@/lib/gateway/routing-view';
import { PageHeader } from '@/components/shell/page-header';
import { RouteForm } from './_components/route-form';
import { OtpTextForm } from './_components/otp-text-form';
import { otpTextOf } from '@/lib/gateway/otp-text';
import { DEFAULT_OTP_TEXT } from '@/lib/validations/gateway-routing';

export const metadata: Metadata = { title: 'Sending' };

// Channels are chosen on a page of their own rather than inside a tab: the integrations that can
// send one channel sit in different tabs (SMS through Twilio or Exotel Phone, WhatsApp through Meta
// or Exotel WhatsApp), and an admin reviews the four choices together.
export default async function SendingPage() {
  const ctx = await guardPage(() => requireOrgRole('admin'), '/settings/integrations/sending');
  const actor = actorFromSession(ctx);
  const [routing, otp] = await Promise.all([routingOverview(actor), otpTextOf(actor)]);
  return (
    <>
      <PageHeader
        title="Sending"
        description={`Which integration sends ${ctx.active.orgName}’s WhatsApp messages, texts, emails and calls, which one takes over when the first refuses a message, and what one-time-password texts say.`}
      >
        <Link href="/settings/integrations" className="text-sm underline-offset-4 hover:underline">
          ← Integrations
        </Link>
      </PageHeader>
      <div className="grid max-w-3xl gap-6">
        {routing.map((r) => (
          <RouteForm key={r.channel} initial={r} />
        ))}
        <OtpTextForm initial={otp} defaultText={DEFAULT_OTP_TEXT} />
      </div>
    </>
  );
}
