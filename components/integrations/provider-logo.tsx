import { cn } from '@/lib/utils';

// A tile per provider drawn from its name, so no brand image is fetched from elsewhere: its initials
// on a colour of its own that stays readable in both themes.
const tones = [
  'bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-50',
  'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-50',
  'bg-violet-100 text-violet-900 dark:bg-violet-900 dark:text-violet-50',
  'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-50',
  'bg-rose-100 text-rose-900 dark:bg-rose-900 dark:text-rose-50',
  'bg-teal-100 text-teal-900 dark:bg-teal-900 dark:text-teal-50',
  'bg-indigo-100 text-indigo-900 dark:bg-indigo-900 dark:text-indigo-50',
] as const;

function initials(name: string): string {
  const words = name.split(/[\s-]+/).filter((w) => /^[A-Za-z]/.test(w));
  if (words.length >= 2) return (words[0]![0]! + words[1]![0]!).toUpperCase();
  const word = words[0] ?? name;
  return word.slice(0, 2).replace(/^./, (c) => c.toUpperCase());
}

function toneOf(id: string): string {
  let hash = 0;
  for (const c of id) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return tones[hash % tones.length]!;
}

export function ProviderLogo({ id, name, size = 'md' }: { id: string; name: string; size?: 'md' | 'lg' }) {
  return (
    <span
      aria-hidden
      className={cn(
        'inline-flex shrink-0 items-center justify-center rounded-lg font-semibold tracking-tight select-none',
        size === 'lg' ? 'size-12 text-base' : 'size-10 text-sm',
        toneOf(id),
      )}
    >
      {initials(name)}
    </span>
  );
}
