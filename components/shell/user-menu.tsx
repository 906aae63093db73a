import { LogOut, UserRound } from '@/components/icons';
import { buttonVariants } from '@/components/ui/button';
import { cn } from '@/lib/utils';
import { MenuLink } from './menu-link';
import { PopoverMenu } from './popover-menu';
import { SignOutItem } from './sign-out-item';

/** The account menu; `showProfile` when the person has a profile to edit (a member of an organization, or a superadmin). */
export function UserMenu({ name, email, roleLabel, showProfile }: { name: string; email: string; roleLabel: string; showProfile: boolean }) {
  const initials = name
    .split(/\s+/)
    .map((part) => part[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <PopoverMenu
      label="Account menu"
      className="w-60"
      triggerClassName={cn(buttonVariants({ variant: 'ghost' }), 'gap-2 px-2')}
      // Named "<name>, account menu": the visible name first, the initials a picture of it.
      triggerNamedByContent
      trigger={
        <>
          <span aria-hidden className="bg-primary text-primary-foreground flex size-7 items-center justify-center rounded-full text-xs font-semibold">
            {initials}
          </span>
          <span className="sr-only text-sm sm:not-sr-only">{name}</span>
          <span className="sr-only">, account menu</span>
        </>
      }
    >
      <div className="flex flex-col gap-0.5 px-2 py-1.5 text-sm font-medium">
        <span>{name}</span>
        <span className="text-muted-foreground text-xs font-normal">{email}</span>
        <span className="text-muted-foreground text-xs font-normal">{roleLabel}</span>
      </div>
      <div role="separator" className="bg-border -mx-1 my-1 h-px" />
      {showProfile && (
        <MenuLink href="/settings/profile">
          <UserRound aria-hidden /> Your profile
        </MenuLink>
      )}
      <SignOutItem>
        <LogOut aria-hidden /> Sign out
      </SignOutItem>
    </PopoverMenu>
  );
}
