// The control plane's roles (README "Admin API access"); the approval service decides approvers itself.

export const POLICY_READERS = ['admin', 'owner', 'reviewer', 'auditor'];
export const AUDIT_READERS = ['admin', 'reviewer', 'auditor'];

/** null when the session holds one of roles, otherwise why the page is not for them. */
export function requireRole(session, roles, what) {
  if (session.roles.some(role => roles.includes(role))) return null;
  return `${what} needs one of the roles ${roles.join(', ')}; you (${session.user}) have `
      + (session.roles.length ? session.roles.join(', ') : 'no Gatehouse role')
      + '. Ask a Gatehouse admin to add your group to the role you need.';
}
