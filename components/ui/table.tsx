'use client';

import * as React from 'react';

import { cn } from '@/lib/utils';

/**
 * How a table behaves below `md` (the rules are in app/globals.css): `scroll` scrolls inside its own
 * box with the first column pinned; `cards` shows each row as a card, one "label: value" line per
 * cell that has a `data-label`, the first cell as its title and a `data-actions` cell at the bottom.
 */
type TableLayout = 'scroll' | 'cards';

function Table({ className, layout = 'scroll', ...props }: React.ComponentProps<'table'> & { layout?: TableLayout }) {
  return (
    <div data-slot="table-container" data-layout={layout} className="ui-table-container">
      <table data-slot="table" className={cn('ui-table', className)} {...props} />
    </div>
  );
}

function TableHeader({ className, ...props }: React.ComponentProps<'thead'>) {
  return <thead data-slot="table-header" className={cn('ui-thead', className)} {...props} />;
}

function TableBody({ className, ...props }: React.ComponentProps<'tbody'>) {
  return <tbody data-slot="table-body" className={cn('ui-tbody', className)} {...props} />;
}

function TableFooter({ className, ...props }: React.ComponentProps<'tfoot'>) {
  return (
    <tfoot
      data-slot="table-footer"
      className={cn('ui-tfoot', className)}
      {...props}
    />
  );
}

function TableRow({ className, ...props }: React.ComponentProps<'tr'>) {
  return (
    <tr
      data-slot="table-row"
      className={cn('ui-tr', className)}
      {...props}
    />
  );
}

function TableHead({ className, ...props }: React.ComponentProps<'th'>) {
  return (
    <th
      data-slot="table-head"
      className={cn('ui-th', className)}
      {...props}
    />
  );
}

function TableCell({ className, ...props }: React.ComponentProps<'td'>) {
  return (
    <td
      data-slot="table-cell"
      className={cn('ui-td', className)}
      {...props}
    />
  );
}

function TableCaption({ className, ...props }: React.ComponentProps<'caption'>) {
  return <caption data-slot="table-caption" className={cn('ui-table-caption', className)} {...props} />;
}

export { Table, TableHeader, TableBody, TableFooter, TableHead, TableRow, TableCell, TableCaption };
