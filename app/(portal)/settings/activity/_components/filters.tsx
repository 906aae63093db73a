import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { FilterField } from '@/components/shell/filter-field';
import { NativeSelect, NativeSelectOption } from '@/components/ui/native-select';
import { channelOptions, statusOptions } from './looks';

interface Option {
  value: string;
  label: string;
}

/** The log's filters as a plain GET form: the URL holds them, so a filtered view can be shared. */
export function ActivityFilters({
  raw,
  errors,
  integrations,
  operations,
  members,
  recipient,
  filtered,
}: {
  raw: Record<string, string | undefined>;
  errors: Record<string, string[] | undefined>;
  integrations: Option[];
  /** What the integrations can do ("Stripe — Create a payment intent"); none hides the filter. */
  operations: Option[];
  /** The organization's members for the sender filter; null for someone who sees only their own requests. */
  members: Option[] | null;
  recipient: boolean;
  filtered: boolean;
}) {
  return (
    <form method="get" action="/settings/activity" className="flex flex-wrap items-end gap-3 rounded-xl border p-4" aria-label="Filter the activity">
      <Choice name="channel" label="Channel" any="Any channel" options={channelOptions} raw={raw} errors={errors} />
      {operations.length > 0 && <Choice name="operation" label="Operation" any="Any operation" options={operations} raw={raw} errors={errors} />}
      <Choice name="status" label="Status" any="Any status" options={statusOptions} raw={raw} errors={errors} />
      <Choice name="integration" label="Integration" any="Any integration" options={integrations} raw={raw} errors={errors} />
      {members && <Choice name="sender" label="Sent by" any="Anyone" options={members} raw={raw} errors={errors} />}
      {recipient && (
        <FilterField className="max-w-full" label="Recipient" error={errors.to}>
          <Input name="to" defaultValue={raw.to ?? ''} className="w-56" placeholder="+14155550100 or name@example.com" />
        </FilterField>
      )}
      <FilterField className="max-w-full" label="From" error={errors.from}>
        <Input type="date" name="from" defaultValue={raw.from ?? ''} />
      </FilterField>
      <FilterField className="max-w-full" label="Until" error={errors.until}>
        <Input type="date" name="until" defaultValue={raw.until ?? ''} />
      </FilterField>
      {errors.cursor && (
        <p role="alert" className="text-destructive w-full text-xs">
          {errors.cursor.join(' ')}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit">Apply filters</Button>
        {filtered && (
          <Button asChild variant="ghost">
            <Link href="/settings/activity">Clear</Link>
          </Button>
        )}
      </div>
    </form>
  );
}

function Choice({
  name,
  label,
  any,
  options,
  raw,
  errors,
}: {
  name: string;
  label: string;
  any: string;
  options: Option[];
  raw: Record<string, string | undefined>;
  errors: Record<string, string[] | undefined>;
}) {
  return (
    <FilterField className="max-w-full" label={label} error={errors[name]}>
      <NativeSelect name={name} defaultValue={raw[name] ?? ''}>
        <NativeSelectOption value="">{any}</NativeSelectOption>
        {options.map((o) => (
          <NativeSelectOption key={o.value} value={o.value}>
            {o.label}
          </NativeSelectOption>
        ))}
      </NativeSelect>
    </FilterField>
  );
}
