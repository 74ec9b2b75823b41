import { Role } from './role';

/** Who is calling: a person (access token) or a coop system (API key). Network staff have no coop. */
export interface Principal {
  kind: 'user' | 'apiKey';
  userId: string | null;
  apiKeyId: string | null;
  cooperativeId: string | null;
  role: Role;
}

/** The caller plus request facts the audit log needs. Passed from controllers into services. */
export interface Actor {
  principal: Principal | null;
  requestId: string;
  ip: string;
}
