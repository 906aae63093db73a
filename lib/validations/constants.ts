// Values that pages need at first render, kept apart from the schemas built on them, so that
// reading a list does not bring zod into a page.

export const orgRoles = ['admin', 'manager', 'agent'] as const;

export const healthStatuses = ['unknown', 'healthy', 'degraded', 'unhealthy'] as const;

/** A new assignment's settings where the request leaves them out (the table's defaults too). */
export const ENDPOINT_DEFAULTS = {
  auto_reconnect: true,
  reconnect_interval: 30,
  health_check_interval: 60,
  webhook_retries: 3,
  message_timeout: 30,
} as const;

/** The error next-auth reports when the throttle refuses an attempt (shown as a friendly message). */
export const SIGN_IN_THROTTLED = 'TooManyAttempts';
