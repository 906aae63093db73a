// Refuses to serve with a missing or invalid variable, naming it (never its value).
import { parseEnv } from './schema';

try {
  parseEnv(process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
