import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { Public } from '../../common/auth/authenticated.decorator';
import { Metrics } from './metrics';
import { MetricsTokenGuard } from './metrics-token.guard';

export const METRICS_TOKEN_SCHEME = 'metricsToken';

// Public to the global guard (no user or key, and so no per-credential rate limit on scrapes); the metrics token
// guard is the access rule.
@ApiTags('metrics')
@Controller()
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get('metrics')
  @Public()
  @UseGuards(MetricsTokenGuard)
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth(METRICS_TOKEN_SCHEME)
  @ApiProduces(Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiOkResponse({ description: 'Prometheus text exposition (kcx_* and process metrics)', schema: { type: 'string' } })
  @ApiUnauthorizedResponse({
    description: 'AUTH.UNAUTHENTICATED without the metrics token (METRICS_TOKEN); the metrics port needs none',
  })
  scrape(): Promise<string> {
    return this.metrics.text();
  }
}
