// The integrations with a Try it panel: one per provider whose operations a person can try by hand.
// Kept apart from the panel so the page can ask without loading it.

export const tryItTypes = ['stripe', 'paypal', 'zoom', 'google_calendar', 'docuseal', 'ctos'] as const;
export type TryItType = (typeof tryItTypes)[number];

export const hasTryIt = (type: string): type is TryItType => (tryItTypes as readonly string[]).includes(type);
