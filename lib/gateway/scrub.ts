import 'server-only';

/**
 * A provider's own words can quote the numbers or addresses involved (Twilio: "The 'To' number +1…
 * is not valid"), and for a call that is the member's own phone: they are cut out before anything is
 * stored. So are URLs: one quoted back (a status callback's) carries the organization's receiving id.
 */
export function scrub(text: string): string {
  return text
    .replace(/https?:\/\/\S+/gi, '[url]')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[address]')
    .replace(/(whatsapp:)?\+?\d[\d\s().-]{5,}\d/g, '[number]')
    .slice(0, 500);
}
