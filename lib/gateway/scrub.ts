import 'server-only';

/**
 * A provider's own words can quote the numbers or addresses involved (Twilio: "The 'To' number +1…
 * is not valid"), and for a call that is the member's own phone: they are cut out before anything is stored.
 */
export function scrub(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[address]')
    .replace(/(whatsapp:)?\+?\d[\d\s().-]{5,}\d/g, '[number]')
    .slice(0, 500);
}
