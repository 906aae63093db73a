import 'server-only';
import { parseWhatsAppEndpoints, type ParsedEndpoints, type WhatsAppEndpoint } from './parse';

// The platform's WhatsApp endpoints, parsed once from the server environment. Everything that can
// leave the server (names, a configuration summary) is separated from what cannot (URL and key),
// which only `endpointConfig` returns, for the health monitor and provider calls.

let parsed: ParsedEndpoints | undefined;

function catalogue(): ParsedEndpoints {
  parsed ??= parseWhatsAppEndpoints(process.env.WHATSAPP_ENDPOINTS);
  return parsed;
}

function endpoints(): WhatsAppEndpoint[] {
  const current = catalogue();
  return current.ok ? current.endpoints : [];
}

/** Endpoint names, in the order the environment lists them. Safe for the browser. */
export function listEndpointNames(): string[] {
  return endpoints().map((e) => e.name);
}

/** Whether an endpoint of exactly this name (case-sensitive) exists. */
export function hasEndpoint(name: string): boolean {
  return endpoints().some((e) => e.name === name);
}

/**
 * Whether an assigned endpoint has been taken out of WHATSAPP_ENDPOINTS. A configuration that does
 * not parse says nothing about any one endpoint, so nothing counts as removed then.
 */
export function isRemovedEndpoint(name: string): boolean {
  const current = catalogue();
  return current.ok && !current.endpoints.some((e) => e.name === name);
}

/** Name and host, for server-side logs and diagnostics. Never put the host in a response either. */
export function endpointMetadata(name: string): { name: string; host: string } | undefined {
  const endpoint = endpoints().find((e) => e.name === name);
  return endpoint && { name: endpoint.name, host: endpoint.host };
}

/** The full configuration, URL and key included. Server-side only: never return it or log it. */
export function endpointConfig(name: string): WhatsAppEndpoint | undefined {
  return endpoints().find((e) => e.name === name);
}

/**
 * What a superadmin needs to know about the configuration itself: whether it is set, and what is
 * wrong with it (each problem names the entry, never its values).
 */
export function catalogueStatus(): { configured: boolean; problems: string[]; count: number } {
  const current = catalogue();
  return current.ok
    ? { configured: current.configured, problems: [], count: current.endpoints.length }
    : { configured: true, problems: current.problems, count: 0 };
}

/** Tests and the worker re-read the environment after changing it. */
export function resetEndpointCatalogue(): void {
  parsed = undefined;
}
