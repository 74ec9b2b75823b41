import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { createHmac, randomBytes } from 'node:crypto';
import { AnonymousActor, Principal } from '../../common/auth/principal';
import { Role } from '../../common/auth/role';
import { DomainError } from '../../common/errors/domain-error';
import { AuthService } from '../auth/auth.service';
import { TokenService } from '../auth/token.service';

/**
 * How long a verified Basic credential is trusted without a new login: the dashboard polls every few seconds and
 * loads a dozen files at once, and each login costs a bcrypt and an AUTH_LOGIN audit event.
 */
export const BASIC_CACHE_TTL_MS = 5 * 60_000;
const BASIC_CACHE_MAX = 100;
// LoginDto's limits: nothing longer reaches bcrypt.
const MAX_EMAIL = 254;
const MAX_PASSWORD = 200;

const unauthenticated = () =>
  new DomainError(
    'AUTH.UNAUTHENTICATED',
    'Sign in as a NETWORK_ADMIN (HTTP Basic: email and password) or send a bearer token',
  );

/**
 * Who may open the queue dashboard: a NETWORK_ADMIN, by access token (API clients) or by HTTP Basic with email and
 * password (browsers cannot add a bearer header to a page load). Basic credentials go through the login path, with
 * its throttling and audit; a success is remembered briefly, keyed by an HMAC of the header under a key that never
 * leaves this process, so neither the password nor anything that could be checked against it is kept.
 */
@Injectable()
export class QueueDashboardAuth {
  private readonly cacheKey = randomBytes(32);
  private readonly verified = new LRUCache<string, Promise<string>>({ max: BASIC_CACHE_MAX, ttl: BASIC_CACHE_TTL_MS });

  constructor(
    private readonly tokens: TokenService,
    private readonly auth: AuthService,
  ) {}

  async authorize(authorization: string | undefined, actor: AnonymousActor): Promise<Principal> {
    const principal = await this.authenticate(authorization, actor);
    if (principal.role !== Role.NETWORK_ADMIN)
      throw new DomainError('AUTH.FORBIDDEN', 'The queue dashboard is for NETWORK_ADMIN only');
    return principal;
  }

  private async authenticate(authorization: string | undefined, actor: AnonymousActor): Promise<Principal> {
    if (!authorization) throw unauthenticated();
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (bearer) return this.tokens.verify(bearer[1]);
    const basic = /^Basic\s+([A-Za-z0-9+/]+={0,2})$/i.exec(authorization);
    if (basic) return this.verifyBasic(basic[1], actor);
    throw unauthenticated();
  }

  private verifyBasic(encoded: string, actor: AnonymousActor): Promise<Principal> {
    const key = createHmac('sha256', this.cacheKey).update(encoded).digest('base64');
    // What is remembered is the login's access token, checked like any other on every request: a deleted, changed
    // or signed-out account loses the dashboard as soon as its tokens do, not when this cache forgets it.
    const known = this.verified.get(key);
    if (known) return known.then((token) => this.tokens.verify(token));
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const email = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    if (colon < 1 || email.length > MAX_EMAIL || password.length > MAX_PASSWORD) {
      throw new DomainError('AUTH.INVALID_CREDENTIALS', 'Email or password is wrong');
    }
    // Shared by the requests that arrive together (a page and its files): one login, one bcrypt, one audit event.
    const login = this.auth.login(actor, { email, password }).then(({ accessToken }) => accessToken);
    this.verified.set(key, login);
    // Only successes are remembered: every wrong password goes through the login throttle.
    login.catch(() => this.verified.delete(key));
    return login.then((token) => this.tokens.verify(token));
  }
}
