import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../../../common/auth/authenticated.decorator';
import { Actor } from '../../../common/auth/principal';
import { Role } from '../../../common/auth/role';
import { UuidParam } from '../../../common/validation/uuid-param';
import { AlertDigestResponse, AlertPageResponse, AlertResponse } from './alert.response';
import { AlertsService } from './alerts.service';
import { AlertDigestDto, ListAlertsDto } from './dto/list-alerts.dto';

const READERS = [Role.LOAN_OFFICER, Role.COOP_ADMIN];

@ApiTags('monitoring')
@Controller('api/v1/monitoring/alerts')
export class AlertsController {
  constructor(private readonly service: AlertsService) {}

  @Get()
  @Authenticated({ roles: READERS })
  @ApiOperation({ summary: "The coop's alerts about its enrolled borrowers, newest first, with the unread count" })
  @ApiOkResponse({ type: AlertPageResponse })
  list(@CurrentActor() actor: Actor, @Query() query: ListAlertsDto): Promise<AlertPageResponse> {
    return this.service.listAlerts(actor, query);
  }

  @Get('digest')
  @Authenticated({ roles: READERS })
  @ApiOperation({ summary: 'Alerts raised in the last days, counted by WIB day and type, and the unread count' })
  @ApiOkResponse({ type: AlertDigestResponse })
  digest(@CurrentActor() actor: Actor, @Query() query: AlertDigestDto): Promise<AlertDigestResponse> {
    return this.service.digest(actor, query);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Authenticated({ roles: READERS })
  @ApiOperation({ summary: 'Marks an alert read (idempotent: the first acknowledgement stays)' })
  @ApiOkResponse({ type: AlertResponse })
  @ApiNotFoundResponse({ description: "MONITORING.ALERT_NOT_FOUND: none of the caller's coop" })
  acknowledge(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<AlertResponse> {
    return this.service.acknowledgeAlert(actor, id);
  }
}
