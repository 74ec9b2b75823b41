import { UuidParam } from '../../common/validation/uuid-param';
import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../../common/auth/authenticated.decorator';
import { Actor } from '../../common/auth/principal';
import { Role } from '../../common/auth/role';
import { Page, PageQueryDto } from '../../common/pagination/page';
import { CooperativesService } from './cooperatives.service';
import { CooperativeResponse } from './cooperatives.response';
import { CreateCooperativeDto } from './dto/create-cooperative.dto';
import { UpdateCooperativeDto } from './dto/update-cooperative.dto';

@ApiTags('cooperatives')
@Controller('api/v1/cooperatives')
export class CooperativesController {
  constructor(private readonly service: CooperativesService) {}

  @Post()
  @Authenticated({ roles: [Role.NETWORK_ADMIN] })
  @ApiCreatedResponse({ type: CooperativeResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCooperativeDto): Promise<CooperativeResponse> {
    return this.service.createCooperative(actor, dto);
  }

  @Get()
  @Authenticated({ roles: [Role.NETWORK_ADMIN, Role.NETWORK_AUDITOR] })
  @ApiOkResponse({ description: '{items: CooperativeResponse[], nextCursor}' })
  list(@Query() query: PageQueryDto): Promise<Page<CooperativeResponse>> {
    return this.service.listCooperatives(query);
  }

  @Patch(':id')
  @Authenticated({ roles: [Role.NETWORK_ADMIN] })
  @ApiOkResponse({ type: CooperativeResponse })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: UpdateCooperativeDto,
  ): Promise<CooperativeResponse> {
    return this.service.changeStatus(actor, id, dto);
  }
}
