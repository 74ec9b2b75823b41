export enum Role {
  NETWORK_ADMIN = 'NETWORK_ADMIN',
  NETWORK_AUDITOR = 'NETWORK_AUDITOR',
  COOP_ADMIN = 'COOP_ADMIN',
  LOAN_OFFICER = 'LOAN_OFFICER',
  DATA_SUBMITTER = 'DATA_SUBMITTER',
  AUDITOR = 'AUDITOR',
}

export const NETWORK_ROLES: readonly Role[] = [Role.NETWORK_ADMIN, Role.NETWORK_AUDITOR];
export const COOP_ROLES: readonly Role[] = [Role.COOP_ADMIN, Role.LOAN_OFFICER, Role.DATA_SUBMITTER, Role.AUDITOR];
/** Coop systems authenticate with keys that carry one of these roles. */
export const API_KEY_ROLES: readonly Role[] = [Role.LOAN_OFFICER, Role.DATA_SUBMITTER];

export const isNetworkRole = (role: Role) => NETWORK_ROLES.includes(role);
