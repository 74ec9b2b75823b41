import { Role } from '../../src/common/auth/role';

/** Who calls: a person of a role (bearer token) or a coop system's API key of a role. */
export type Caller = Role | 'KEY_LOAN_OFFICER' | 'KEY_DATA_SUBMITTER';
export type Method = 'get' | 'post' | 'patch' | 'delete';

export const PUBLIC = 'public' as const;
/** GET /metrics on the API port: only `Authorization: Bearer <METRICS_TOKEN>`, whatever else the caller holds. */
export const METRICS_SCRAPER = 'metrics scraper' as const;

export interface RouteRule {
  method: Method;
  path: string;
  allowed: Caller[] | typeof PUBLIC | typeof METRICS_SCRAPER;
}

export interface GuardedRoute extends RouteRule {
  allowed: Caller[];
}

export const ALL_USERS: Caller[] = Object.values(Role);
export const ALL_KEYS: Caller[] = ['KEY_LOAN_OFFICER', 'KEY_DATA_SUBMITTER'];
export const CALLERS: Caller[] = [...ALL_USERS, ...ALL_KEYS];

/**
 * Every route of the API with who may call it (API.md, Roles). The authorization sweep fails when the OpenAPI
 * document has a route missing here, and the hostile-input tests call every route with an allowed caller.
 */
export const MATRIX: RouteRule[] = [
  { method: 'post', path: '/api/v1/auth/login', allowed: PUBLIC },
  { method: 'get', path: '/api/v1/auth/me', allowed: [...ALL_USERS, ...ALL_KEYS] },
  { method: 'post', path: '/api/v1/cooperatives', allowed: [Role.NETWORK_ADMIN] },
  { method: 'get', path: '/api/v1/cooperatives', allowed: [Role.NETWORK_ADMIN, Role.NETWORK_AUDITOR] },
  { method: 'patch', path: '/api/v1/cooperatives/{id}', allowed: [Role.NETWORK_ADMIN] },
  { method: 'post', path: '/api/v1/users', allowed: [Role.NETWORK_ADMIN, Role.COOP_ADMIN] },
  { method: 'get', path: '/api/v1/users', allowed: [Role.NETWORK_ADMIN, Role.COOP_ADMIN] },
  { method: 'post', path: '/api/v1/api-keys', allowed: [Role.COOP_ADMIN] },
  { method: 'get', path: '/api/v1/api-keys', allowed: [Role.COOP_ADMIN] },
  { method: 'delete', path: '/api/v1/api-keys/{id}', allowed: [Role.COOP_ADMIN] },
  { method: 'post', path: '/api/v1/consents', allowed: [Role.LOAN_OFFICER, 'KEY_LOAN_OFFICER'] },
  { method: 'get', path: '/api/v1/consents/{id}', allowed: [Role.LOAN_OFFICER, Role.COOP_ADMIN, 'KEY_LOAN_OFFICER'] },
  {
    method: 'post',
    path: '/api/v1/consents/{id}/revoke',
    allowed: [Role.LOAN_OFFICER, Role.COOP_ADMIN, 'KEY_LOAN_OFFICER'],
  },
  {
    method: 'post',
    path: '/api/v1/submissions',
    allowed: [Role.DATA_SUBMITTER, Role.COOP_ADMIN, 'KEY_DATA_SUBMITTER'],
  },
  { method: 'get', path: '/api/v1/submissions', allowed: [Role.DATA_SUBMITTER, Role.COOP_ADMIN, 'KEY_DATA_SUBMITTER'] },
  {
    method: 'post',
    path: '/api/v1/submissions/csv',
    allowed: [Role.DATA_SUBMITTER, Role.COOP_ADMIN, 'KEY_DATA_SUBMITTER'],
  },
  { method: 'get', path: '/api/v1/submissions/template.csv', allowed: PUBLIC },
  {
    method: 'get',
    path: '/api/v1/submissions/{id}',
    allowed: [Role.DATA_SUBMITTER, Role.COOP_ADMIN, 'KEY_DATA_SUBMITTER'],
  },
  {
    method: 'get',
    path: '/api/v1/submissions/{id}/errors',
    allowed: [Role.DATA_SUBMITTER, Role.COOP_ADMIN, 'KEY_DATA_SUBMITTER'],
  },
  { method: 'get', path: '/api/v1/loans/stale', allowed: [Role.DATA_SUBMITTER, Role.COOP_ADMIN, 'KEY_DATA_SUBMITTER'] },
  { method: 'post', path: '/api/v1/profiles/query', allowed: [Role.LOAN_OFFICER, 'KEY_LOAN_OFFICER'] },
  { method: 'post', path: '/api/v1/disputes', allowed: [Role.LOAN_OFFICER, Role.NETWORK_ADMIN, 'KEY_LOAN_OFFICER'] },
  {
    method: 'get',
    path: '/api/v1/disputes',
    allowed: [Role.COOP_ADMIN, Role.DATA_SUBMITTER, Role.NETWORK_ADMIN, 'KEY_DATA_SUBMITTER'],
  },
  {
    method: 'post',
    path: '/api/v1/disputes/{id}/resolve',
    allowed: [Role.COOP_ADMIN, Role.DATA_SUBMITTER, 'KEY_DATA_SUBMITTER'],
  },
  { method: 'get', path: '/api/v1/audit-events', allowed: [Role.AUDITOR, Role.NETWORK_AUDITOR] },
  { method: 'post', path: '/api/v1/audit-events/search', allowed: [Role.AUDITOR, Role.NETWORK_AUDITOR] },
  { method: 'get', path: '/api/v1/audit-events/export', allowed: [Role.AUDITOR, Role.NETWORK_AUDITOR] },
  { method: 'get', path: '/api/v1/audit-events/verify', allowed: [Role.NETWORK_AUDITOR] },
  { method: 'get', path: '/api/v1/network/stats', allowed: [Role.NETWORK_ADMIN, Role.NETWORK_AUDITOR] },
  { method: 'get', path: '/api/v1/network/usage-anomalies', allowed: [Role.NETWORK_ADMIN, Role.NETWORK_AUDITOR] },
  { method: 'post', path: '/api/v1/subject-access-reports', allowed: [Role.NETWORK_ADMIN] },
  // Early warning (API.md, "Monitoring a coop's own borrowers"); portfolio, digest and deliveries are additions.
  ...(
    [
      'post /enrollments',
      'post /enrollments/bulk',
      'post /enrollments/portfolio',
      'get /enrollments',
      'delete /enrollments/{id}',
      'get /alerts',
      'get /alerts/digest',
      'post /alerts/{id}/acknowledge',
    ] as const
  ).map((route): RouteRule => {
    const [method, path] = route.split(' ') as [Method, string];
    return {
      method,
      path: `/api/v1/monitoring${path}`,
      allowed: [Role.LOAN_OFFICER, Role.COOP_ADMIN, 'KEY_LOAN_OFFICER'],
    };
  }),
  ...(['post /webhooks', 'get /webhooks', 'delete /webhooks/{id}', 'get /webhooks/{id}/deliveries'] as const).map(
    (route): RouteRule => {
      const [method, path] = route.split(' ') as [Method, string];
      return { method, path: `/api/v1/monitoring${path}`, allowed: [Role.COOP_ADMIN] };
    },
  ),
  { method: 'get', path: '/health/live', allowed: PUBLIC },
  { method: 'get', path: '/health/ready', allowed: PUBLIC },
  { method: 'get', path: '/metrics', allowed: METRICS_SCRAPER },
];

/** A metrics token for test apps (METRICS_TOKEN needs 32+ characters). */
export const TEST_METRICS_TOKEN = 'test-metrics-token-'.padEnd(48, 'x');

export const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

export function isGuarded(rule: RouteRule): rule is GuardedRoute {
  return Array.isArray(rule.allowed);
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, OpenApiSchema> };
}

export interface OpenApiOperation {
  parameters?: { name: string; in: string; schema?: OpenApiSchema }[];
  requestBody?: { content: Record<string, { schema?: OpenApiSchema }> };
}

export interface OpenApiSchema {
  $ref?: string;
  type?: string;
  properties?: Record<string, OpenApiSchema>;
  items?: OpenApiSchema;
  enum?: unknown[];
  allOf?: OpenApiSchema[];
}

/** Every `method path` of the OpenAPI document. */
export function documentedRoutes(doc: OpenApiDocument): { method: Method; path: string; op: OpenApiOperation }[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method as Method, path, op })),
  );
}
