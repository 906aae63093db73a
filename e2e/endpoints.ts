// The WhatsApp endpoints the end-to-end server runs with. Their URLs and keys are canaries: the
// tests look for them in every page, payload, log and audit row, and must never find them.
export const SIMULATOR_PORT = Number(process.env.E2E_SIMULATOR_PORT ?? 4110);
export const REFUSING_PORT = SIMULATOR_PORT + 1;
export const SMTP_PORT = SIMULATOR_PORT + 2;

export const e2eEndpoints = [
  { name: 'Primary', id: 'canary-path-primary-5e1c', apiKey: 'canary-key-primary-93f0a7d2' },
  { name: 'Secondary', id: 'canary-path-secondary-a44b', apiKey: 'canary-key-secondary-1c8e55b6' },
  { name: 'Refusing', id: 'refusing', apiKey: 'canary-key-refusing-7d02ce19' },
].map((e) => ({
  ...e,
  apiUrl: e.id === 'refusing' ? `http://127.0.0.1:${REFUSING_PORT}` : `http://127.0.0.1:${SIMULATOR_PORT}/whatsapp/${e.id}`,
}));

export const e2eEndpointsEnv = JSON.stringify(e2eEndpoints.map(({ name, apiUrl, apiKey }) => ({ name, apiUrl, apiKey })));

/** Strings that must never leave the server. */
export const endpointCanaries = e2eEndpoints.flatMap((e) => [e.apiKey, e.apiUrl, ...(e.id === 'refusing' ? [] : [e.id])]);

export const simulatorUrl = `http://127.0.0.1:${SIMULATOR_PORT}`;

/** Sets how the simulator answers for one endpoint (by its name in the list above). */
export async function setEndpointMode(name: string, mode: 'healthy' | 'slow' | '500' | '401' | 'refused', delayMs?: number) {
  const endpoint = e2eEndpoints.find((e) => e.name === name)!;
  const res = await fetch(`${simulatorUrl}/_control/whatsapp/${endpoint.id}`, {
    method: 'PUT',
    body: JSON.stringify({ mode, ...(delayMs ? { delayMs } : {}) }),
  });
  if (!res.ok) throw new Error(`simulator refused mode ${mode}: ${res.status}`);
}
