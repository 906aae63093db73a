import { Label } from '@/components/ui/label';

/** One filter of a list page's filter bar: a small label wrapping its control, and its error below. */
export function FilterField({ label, error, className, children }: { label: string; error?: string[]; className?: string; children: React.ReactNode }) {
  return (
    <div className={`flex flex-col gap-1.5 ${className ?? ''}`} data-invalid={!!error}>
      {/* The label wraps its control, so the two are associated without ids. */}
      <Label className="flex flex-col items-start gap-1.5 text-xs font-normal">
        <span className="text-muted-foreground">{label}</span>
        {children}
      </Label>
      {error && (
        <p role="alert" className="text-destructive max-w-56 text-xs">
          {error.join(' ')}
        </p>
      )}
    </div>
  );
}
