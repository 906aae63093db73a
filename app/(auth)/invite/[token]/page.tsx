import type { Metadata } from 'next';
import Link from 'next/link';
import { getViewer } from '@/lib/auth/session';
import { openInvitation } from '@/lib/team/invitations';
import { withArticle } from '@/lib/roles';
import { invitationTokenSchema } from '@/lib/validations/membership';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { AcceptInvitation, JoinWithAccountForm } from './_components/join';

export const metadata: Metadata = { title: 'Invitation' };

const closed = {
  unknown: 'This invitation link is not valid.',
  accepted: 'This invitation has already been used.',
  expired: 'This invitation has expired. Ask an admin of the organization for a new link.',
  revoked: 'This invitation was withdrawn. Ask an admin of the organization for a new link.',
} as const;

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const valid = invitationTokenSchema.safeParse({ token });
  const invitation = valid.success ? await openInvitation(token) : { state: 'unknown' as const, orgName: null, role: null, email: null };
  const viewer = await getViewer();
  return (
    <main className="bg-muted/40 flex min-h-screen items-center justify-center p-4">
      <Card className="w-full max-w-md">
        {invitation.state !== 'open' ? (
          <CardHeader>
            <CardTitle className="text-xl">Invitation unavailable</CardTitle>
            <CardDescription role="alert">{closed[invitation.state]}</CardDescription>
          </CardHeader>
        ) : (
          <>
            <CardHeader>
              <CardTitle className="text-xl">Join {invitation.orgName}</CardTitle>
              <CardDescription>
                You are invited as {withArticle(invitation.role ?? '')}
                {invitation.email ? ` (for ${invitation.email})` : ''}.
              </CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              {viewer ? (
                <AcceptInvitation token={token} orgName={invitation.orgName!} email={viewer.user.email} />
              ) : (
                <>
                  <Button asChild variant="outline">
                    <Link href={`/login?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}>I have an account: sign in</Link>
                  </Button>
                  {invitation.email ? (
                    <>
                      <div className="text-muted-foreground text-center text-xs">or create one</div>
                      <JoinWithAccountForm token={token} email={invitation.email} />
                    </>
                  ) : (
                    <p className="text-muted-foreground text-sm">
                      New here? Ask the admin for an invitation made out to your email address; with it you can create your account.
                    </p>
                  )}
                </>
              )}
            </CardContent>
          </>
        )}
      </Card>
    </main>
  );
}
