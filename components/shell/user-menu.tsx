import { LogOut } from 'lucide-react';
import { buttonVariants } from '@/components/ui/button';
import { cn } from '@/lib/utils';
import { PopoverMenu } from './popover-menu';
import { SignOutItem } from './sign-out-item';

export function UserMenu({ name, email, roleLabel }: { name: string; email: string; roleLabel: string }) {
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
      trigger={
        <>
          <span className="bg-primary text-primary-foreground flex size-7 items-center justify-center rounded-full text-xs font-semibold">
            {initials}
          </span>
          <span className="hidden text-sm sm:inline">{name}</span>
        </>
      }
    >
      <div className="flex flex-col gap-0.5 px-2 py-1.5 text-sm font-medium">
        <span>{name}</span>
        <span className="text-muted-foreground text-xs font-normal">{email}</span>
        <span className="text-muted-foreground text-xs font-normal">{roleLabel}</span>
      </div>
      <div role="separator" className="bg-border -mx-1 my-1 h-px" />
      <SignOutItem>
        <LogOut aria-hidden /> Sign out
      </SignOutItem>
    </PopoverMenu>
  );
}
