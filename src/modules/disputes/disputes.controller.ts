import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../../common/auth/authenticated.decorator';
import { Actor } from '../../common/auth/principal';
import { Role } from '../../common/auth/role';
import { Page } from '../../common/pagination/page';
import { UuidParam } from '../../common/validation/uuid-param';
import { DisputeResponse, OpenedDisputeResponse } from './dispute.response';
import { DisputesService } from './disputes.service';
import { ListDisputesDto } from './dto/list-disputes.dto';
import { OpenDisputeDto } from './dto/open-dispute.dto';
import { ResolveDisputeDto } from './dto/resolve-dispute.dto';

const FURNISHERS = [Role.COOP_ADMIN, Role.DATA_SUBMITTER];

@ApiTags('disputes')
@Controller('api/v1/disputes')
export class DisputesController {
  constructor(private readonly service: DisputesService) {}

  @Post()
  @Authenticated({ roles: [Role.LOAN_OFFICER, Role.NETWORK_ADMIN] })
  @ApiCreatedResponse({ type: OpenedDisputeResponse })
  @ApiNotFoundResponse({
    description: "LOAN.NOT_FOUND: no such loan shown, or no active consent of the caller's coop for its borrower",
  })
  @ApiConflictResponse({ description: 'DISPUTE.ALREADY_OPEN' })
  open(@CurrentActor() actor: Actor, @Body() dto: OpenDisputeDto): Promise<OpenedDisputeResponse> {
    return this.service.openDispute(actor, dto);
  }

  @Get()
  @Authenticated({ roles: [...FURNISHERS, Role.NETWORK_ADMIN] })
  @ApiOkResponse({
    description:
      "{items: DisputeResponse[], nextCursor}: the own coop's loans' disputes; every coop's for network staff",
  })
  list(@CurrentActor() actor: Actor, @Query() query: ListDisputesDto): Promise<Page<DisputeResponse>> {
    return this.service.listDisputes(actor, query);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Authenticated({ roles: FURNISHERS })
  @ApiOkResponse({ type: DisputeResponse })
  @ApiNotFoundResponse({ description: "DISPUTE.NOT_FOUND: none about the own coop's loans" })
  @ApiConflictResponse({ description: 'DISPUTE.ALREADY_RESOLVED, DISPUTE.NOT_CORRECTED' })
  resolve(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: ResolveDisputeDto,
  ): Promise<DisputeResponse> {
    return this.service.resolveDispute(actor, id, dto);
  }
}
