import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/auth/authenticated.decorator';
import { Role } from '../../common/auth/role';
import { NetworkStatsResponse } from './network-stats.response';
import { NetworkStatsService } from './network-stats.service';

@ApiTags('network')
@Controller('api/v1/network')
export class NetworkStatsController {
  constructor(private readonly service: NetworkStatsService) {}

  @Get('stats')
  @Authenticated({ roles: [Role.NETWORK_ADMIN, Role.NETWORK_AUDITOR] })
  @ApiOkResponse({
    type: NetworkStatsResponse,
    description: 'Data freshness and NPL of every member coop, and of the network',
  })
  stats(): Promise<NetworkStatsResponse> {
    return this.service.getStats();
  }
}
