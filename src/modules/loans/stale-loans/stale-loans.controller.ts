import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../../../common/auth/authenticated.decorator';
import { Actor } from '../../../common/auth/principal';
import { Role } from '../../../common/auth/role';
import { Page, PageQueryDto } from '../../../common/pagination/page';
import { StaleLoanPageResponse, StaleLoanResponse } from './stale-loan.response';
import { StaleLoansService } from './stale-loans.service';

@ApiTags('loans')
@Controller('api/v1/loans')
export class StaleLoansController {
  constructor(private readonly service: StaleLoansService) {}

  @Get('stale')
  @Authenticated({ roles: [Role.DATA_SUBMITTER, Role.COOP_ADMIN] })
  @ApiOkResponse({
    type: StaleLoanPageResponse,
    description:
      "The own coop's active loans missing from its last reported period, in the order they were first reported",
  })
  listStale(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<StaleLoanResponse>> {
    return this.service.listStale(actor, query);
  }
}
