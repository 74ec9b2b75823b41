import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/auth/authenticated.decorator';
import { Role } from '../../common/auth/role';
import { Page } from '../../common/pagination/page';
import { UsageAnomalyQueryDto } from './dto/usage-anomaly-query.dto';
import { UsageAnomaliesService } from './usage-anomalies.service';
import { UsageAnomalyPage, UsageAnomalyResponse } from './usage-anomaly.response';

@ApiTags('network')
@Controller('api/v1/network')
export class UsageAnomaliesController {
  constructor(private readonly service: UsageAnomaliesService) {}

  @Get('usage-anomalies')
  @Authenticated({ roles: [Role.NETWORK_AUDITOR, Role.NETWORK_ADMIN] })
  @ApiOkResponse({
    type: UsageAnomalyPage,
    description: "Spikes against a coop's own baseline and bursts of near-identical consent references, newest first",
  })
  list(@Query() query: UsageAnomalyQueryDto): Promise<Page<UsageAnomalyResponse>> {
    return this.service.list(query);
  }
}
