import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';

// Digests first: timingSafeEqual needs equal lengths, and comparing digests does not leak the token's length.
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * GET /metrics on the API port: only a scraper with METRICS_TOKEN. The same 401 whether the token is missing,
 * wrong, or not configured at all (then only the metrics port serves).
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(config: AppConfig) {
    this.expected = config.metrics.token ? digest(config.metrics.token) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    const authorization = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization;
    const token = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
    if (!this.expected || !token || !timingSafeEqual(digest(token), this.expected)) {
      throw new DomainError('AUTH.UNAUTHENTICATED', 'Send the metrics token as "Authorization: Bearer <token>"');
    }
    return true;
  }
}
