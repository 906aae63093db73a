import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { guardPage } from '@/lib/auth/page';
import { requireUser } from '@/lib/auth/guards';
import { countryFromAcceptLanguage, countryOptions } from '@/lib/team/countries';
import { getProfile } from '@/lib/team/profile';
import { countryOfPhone, formatPhone } from '@/lib/validations/profile';
import { PageHeader } from '@/components/shell/page-header';
import { ProfileForm } from './_components/profile-form';

export const metadata: Metadata = { title: 'Profile' };

export default async function ProfilePage() {
  const { ctx, profile } = await guardPage(async () => {
    const ctx = await requireUser();
    return { ctx, profile: await getProfile(ctx) };
  }, '/settings/profile');
  // A stored number knows its country; otherwise the browser's region is the likeliest guess.
  const country = (profile.phone ? countryOfPhone(profile.phone) : null) ?? countryFromAcceptLanguage((await headers()).get('accept-language')) ?? '';

  return (
    <>
      <PageHeader title="Profile" description="Your own details. Only you can change them." />
      <div className="grid max-w-2xl gap-8">
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]" aria-label="Your account">
          <dt className="text-muted-foreground">Name</dt>
          <dd className="font-medium break-words">{ctx.user.name}</dd>
          <dt className="text-muted-foreground">Email</dt>
          <dd className="font-medium break-all">{ctx.user.email}</dd>
          <dt className="text-muted-foreground">Phone</dt>
          <dd className="font-medium">{profile.phone ? formatPhone(profile.phone) : 'None yet'}</dd>
        </dl>
        <ProfileForm
          countries={countryOptions()}
          defaults={{
            name: profile.name,
            phone: profile.phone ? formatPhone(profile.phone) : '',
            country,
            expected_version: profile.version,
          }}
        />
      </div>
    </>
  );
}
