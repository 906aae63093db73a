import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini carries no messages of its own (a failed check without a custom message would read
// "Invalid input"); classic zod installs English on first use. Every module that builds schemas
// imports this one, so the browser and the server word the same failure the same way.
config(en());
