import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../../common/auth/authenticated.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get('live')
  @Public()
  @ApiOkResponse({ description: 'The process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiOkResponse({ description: 'Postgres and Redis answer' })
  @ApiServiceUnavailableResponse({ description: 'Postgres or Redis does not answer' })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.db.pingCheck('postgres', { timeout: 1000 }),
        () => this.redis.isHealthy('redis'),
      ]);
    } catch (err) {
      throw notReady(err);
    }
  }
}

/**
 * The 503 names what does not answer, so an operator sees at once whether Postgres or Redis is away; the driver's
 * message stays out (the route is public and it names hosts and ports).
 */
function notReady(err: unknown): unknown {
  if (!(err instanceof ServiceUnavailableException)) return err;
  // getResponse() is typed string | object; terminus puts its HealthCheckResult there.
  const down = Object.keys((err.getResponse() as Partial<HealthCheckResult>).error ?? {});
  return new DomainError(
    'NOT_READY',
    down.length > 0 ? `Not ready: ${down.join(' and ')} not answering` : 'Not ready',
    down.map((field) => ({ field, message: 'not answering' })),
  );
}
