import 'server-only';
import pino from 'pino';

// Anything that may carry a credential is redacted by path, as a backstop: code never logs secrets
// on purpose, and these paths catch the ones that arrive inside objects by accident.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: 'switchboard' },
  redact: {
    paths: [
      'password',
      '*.password',
      'passwordHash',
      '*.passwordHash',
      'password_hash',
      '*.password_hash',
      'token',
      '*.token',
      'secret',
      '*.secret',
      'apiKey',
      '*.apiKey',
      'authorization',
      '*.authorization',
      'headers.cookie',
      '*.headers.cookie',
      'credentials',
      '*.credentials',
    ],
    censor: '[redacted]',
  },
});
