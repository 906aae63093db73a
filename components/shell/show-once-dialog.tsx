'use client';

import dynamic from 'next/dynamic';

// The dialog's code arrives with the first value to show, not with every page that may show one.
const ShowOnceDialogContent = dynamic(() => import('./show-once-dialog-content').then((m) => m.ShowOnceDialogContent), { ssr: false });

/** Shows a value that is never shown again (a new API token, an invitation link), with a copy button. */
export function ShowOnceDialog(props: { value: string | null; onClose: () => void; title: string; description: string; label: string; done: string }) {
  return props.value === null ? null : <ShowOnceDialogContent {...props} />;
}
