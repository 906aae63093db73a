import 'server-only';
import { parseEnv, type Env } from './env/schema';

let cached: Env | undefined;

/** The validated environment. Throws on first use if a variable is missing or invalid. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
