import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/auth/role';
import { createTestApp, TestApp } from '../helpers/test-app';

type Caller = Role | 'KEY_LOAN_OFFICER' | 'KEY_DATA_SUBMITTER';

interface RouteRule {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  allowed: Caller[];
}

const ALL_USERS = Object.values(Role);
const ALL_KEYS: Caller[] = ['KEY_LOAN_OFFICER', 'KEY_DATA_SUBMITTER'];
const PUBLIC = 'public' as const;

// Every route of the API with who may call it (API.md, Roles). A request with an empty body or unknown id
// passes the guard and then fails validation or lookup, so an allowed call is any status but 401 and 403.
const MATRIX: (RouteRule | { method: RouteRule['method']; path: string; allowed: typeof PUBLIC })[] = [
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
  { method: 'post', path: '/api/v1/consents/{id}/revoke', allowed: [Role.LOAN_OFFICER, Role.COOP_ADMIN, 'KEY_LOAN_OFFICER'] },
  { method: 'post', path: '/api/v1/submissions', allowed: [Role.DATA_SUBMITTER, Role.COOP_ADMIN, 'KEY_DATA_SUBMITTER'] },
  { method: 'get', path: '/api/v1/submissions', allowed: [Role.DATA_SUBMITTER, Role.COOP_ADMIN, 'KEY_DATA_SUBMITTER'] },
  { method: 'post', path: '/api/v1/submissions/csv', allowed: [Role.DATA_SUBMITTER, Role.COOP_ADMIN, 'KEY_DATA_SUBMITTER'] },
  { method: 'get', path: '/api/v1/submissions/template.csv', allowed: PUBLIC },
  { method: 'get', path: '/api/v1/submissions/{id}', allowed: [Role.DATA_SUBMITTER, Role.COOP_ADMIN, 'KEY_DATA_SUBMITTER'] },
  { method: 'get', path: '/api/v1/submissions/{id}/errors', allowed: [Role.DATA_SUBMITTER, Role.COOP_ADMIN, 'KEY_DATA_SUBMITTER'] },
  { method: 'post', path: '/api/v1/profiles/query', allowed: [Role.LOAN_OFFICER, 'KEY_LOAN_OFFICER'] },
  { method: 'post', path: '/api/v1/disputes', allowed: [Role.LOAN_OFFICER, Role.NETWORK_ADMIN, 'KEY_LOAN_OFFICER'] },
  { method: 'get', path: '/api/v1/disputes', allowed: [Role.COOP_ADMIN, Role.DATA_SUBMITTER, Role.NETWORK_ADMIN, 'KEY_DATA_SUBMITTER'] },
  { method: 'post', path: '/api/v1/disputes/{id}/resolve', allowed: [Role.COOP_ADMIN, Role.DATA_SUBMITTER, 'KEY_DATA_SUBMITTER'] },
  { method: 'get', path: '/api/v1/audit-events', allowed: [Role.AUDITOR, Role.NETWORK_AUDITOR] },
  { method: 'post', path: '/api/v1/audit-events/search', allowed: [Role.AUDITOR, Role.NETWORK_AUDITOR] },
  { method: 'get', path: '/api/v1/audit-events/export', allowed: [Role.AUDITOR, Role.NETWORK_AUDITOR] },
  { method: 'get', path: '/api/v1/audit-events/verify', allowed: [Role.NETWORK_AUDITOR] },
  { method: 'get', path: '/api/v1/network/stats', allowed: [Role.NETWORK_ADMIN, Role.NETWORK_AUDITOR] },
  { method: 'post', path: '/api/v1/subject-access-reports', allowed: [Role.NETWORK_ADMIN] },
  { method: 'get', path: '/health/live', allowed: PUBLIC },
  { method: 'get', path: '/health/ready', allowed: PUBLIC },
];

const CALLERS: Caller[] = [...ALL_USERS, ...ALL_KEYS];

describe('authorization matrix (e2e)', () => {
  let t: TestApp;
  const headers = new Map<Caller, Record<string, string>>();

  beforeAll(async () => {
    t = await createTestApp();
    const coop = await t.factory.cooperative();
    for (const role of ALL_USERS) headers.set(role, (await t.factory.signedIn(role, coop.id)).auth);
    headers.set('KEY_LOAN_OFFICER', (await t.factory.apiKey(Role.LOAN_OFFICER, coop.id)).auth);
    headers.set('KEY_DATA_SUBMITTER', (await t.factory.apiKey(Role.DATA_SUBMITTER, coop.id)).auth);
  });
  afterAll(() => t.close());

  const send = (rule: { method: RouteRule['method']; path: string }, auth: Record<string, string>) => {
    const req = t.http[rule.method](rule.path.replace('{id}', randomUUID())).set(auth);
    return rule.method === 'get' || rule.method === 'delete' ? req : req.send({});
  };

  it('covers every route of the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    const covered = MATRIX.map((r) => `${r.method} ${r.path}`);
    expect(documented.sort()).toEqual(covered.sort());
  });

  const guarded = MATRIX.filter((r): r is RouteRule => r.allowed !== PUBLIC);
  const cases = (allowed: boolean) =>
    guarded.flatMap((rule) =>
      CALLERS.filter((caller) => rule.allowed.includes(caller) === allowed).map(
        (caller) => [rule.method, rule.path, caller, rule] as const,
      ),
    );

  it.each(cases(true))('%s %s lets %s through', async (_m, _p, caller, rule) => {
    const res = await send(rule, headers.get(caller)!);
    expect([401, 403]).not.toContain(res.status);
    expect(res.status).toBeLessThan(500);
  });

  it.each(cases(false))('%s %s refuses %s with 403', async (_m, _p, caller, rule) => {
    const res = await send(rule, headers.get(caller)!);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('AUTH.FORBIDDEN');
  });

  it.each(guarded.map((r) => [r.method, r.path, r] as const))('%s %s without credentials is 401', async (_m, _p, rule) => {
    const res = await send(rule, {});
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('AUTH.UNAUTHENTICATED');
  });

  it.each(MATRIX.filter((r) => r.allowed === PUBLIC).map((r) => [r.method, r.path, r] as const))(
    '%s %s is public',
    async (_m, _p, rule) => {
      const res = await send(rule, {});
      expect([401, 403]).not.toContain(res.status);
    },
  );
});
