import { Check, Monitor, Moon, Sun } from '@/components/icons';
import { buttonVariants } from '@/components/ui/button';
import { cn } from '@/lib/utils';
import { PopoverMenu } from './popover-menu';
import { ThemeChoices } from './theme-choices';

export function ThemeToggle() {
  return (
    <PopoverMenu
      label="Change theme"
      triggerClassName={cn(buttonVariants({ variant: 'ghost', size: 'icon' }), 'relative')}
      trigger={
        <>
          <Sun className="size-4 scale-100 rotate-0 transition-all dark:scale-0 dark:-rotate-90" aria-hidden />
          <Moon className="absolute size-4 scale-0 rotate-90 transition-all dark:scale-100 dark:rotate-0" aria-hidden />
        </>
      }
    >
      <ThemeChoices
        choices={[
          { value: 'light', label: 'Light', icon: <Sun aria-hidden /> },
          { value: 'dark', label: 'Dark', icon: <Moon aria-hidden /> },
          { value: 'system', label: 'System', icon: <Monitor aria-hidden /> },
        ]}
        check={<Check className="size-4" aria-hidden />}
      />
    </PopoverMenu>
  );
}
