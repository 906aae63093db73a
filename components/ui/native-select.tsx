import * as React from 'react';
import { icon } from '@/components/icon';

import { cn } from '@/lib/utils';

const ChevronDownIcon = icon('ChevronDown', 'ChevronDown');

function NativeSelect({ className, ...props }: React.ComponentProps<'select'>) {
  return (
    // The looks are app/globals.css's .ui-select classes. Dimmed by the select's own :disabled, not the
    // wrapper's :has(): a :has() rule restyles the wrapper on every change inside the select, per option.
    <div className="ui-select-wrap" data-slot="native-select-wrapper">
      <select
        data-slot="native-select"
        className={cn('ui-select', className)}
        {...props}
      />
      <ChevronDownIcon
        className="ui-select-icon"
        aria-hidden="true"
        data-slot="native-select-icon"
      />
    </div>
  );
}

function NativeSelectOption({ ...props }: React.ComponentProps<'option'>) {
  return <option data-slot="native-select-option" {...props} />;
}

export { NativeSelect, NativeSelectOption };
