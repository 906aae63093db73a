import { icon } from '@/components/icon';

// Drawn in the browser too: the icons it needs, made here (see components/icon.tsx).
const Inbox = icon('Inbox', 'Inbox');

export function EmptyState({ title, children, icon }: { title: string; children?: React.ReactNode; icon?: React.ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center gap-2 rounded-xl border border-dashed p-10 text-center">
      <div className="text-muted-foreground">{icon ?? <Inbox className="size-8" aria-hidden />}</div>
      <h2 className="font-medium">{title}</h2>
      {children && <div className="text-muted-foreground max-w-md text-sm">{children}</div>}
    </div>
  );
}
