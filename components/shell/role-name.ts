/** "admin" → "Admin", as a role reads beside an organization's name. */
export const roleName = (role: string) => `${role.charAt(0).toUpperCase()}${role.slice(1)}`;
