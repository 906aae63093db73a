import { existsSync, readFileSync, rmSync } from 'node:fs';

// Every API answer of the run is checked by the portal against its OpenAPI document (see
// lib/openapi/contract-check.ts); mismatches land in this file. It starts empty, and the run fails
// at its end if anything was written.
export const contractLog = '.data/e2e-contract.log';

export default function contractSetup() {
  rmSync(contractLog, { force: true });
  return () => {
    const problems = existsSync(contractLog) ? [...new Set(readFileSync(contractLog, 'utf8').split('\n').filter(Boolean))] : [];
    if (problems.length) {
      throw new Error(`${problems.length} API answers broke the OpenAPI document:\n${problems.slice(0, 40).join('\n')}`);
    }
  };
}
