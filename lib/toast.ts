// Toasts without the toast library in a page's first load: the root layout fetches it once the page
// is interactive (and mounts the toaster), so by the time anyone acts it is usually already here.

type Kind = 'success' | 'error' | 'warning';

const show = (kind: Kind, message: string) => {
  void import('sonner').then(({ toast: sonner }) => sonner[kind](message));
};

export const toast = {
  success: (message: string) => show('success', message),
  error: (message: string) => show('error', message),
  warning: (message: string) => show('warning', message),
};
