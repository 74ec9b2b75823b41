import { UuidParam } from '../../common/validation/uuid-param';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../../common/auth/authenticated.decorator';
import { Actor } from '../../common/auth/principal';
import { Role } from '../../common/auth/role';
import { ConsentResponse } from './consent.response';
import { ConsentsService } from './consents.service';
import { GrantConsentDto } from './dto/grant-consent.dto';

@ApiTags('consents')
@Controller('api/v1/consents')
export class ConsentsController {
  constructor(private readonly service: ConsentsService) {}

  @Post()
  @Authenticated({ roles: [Role.LOAN_OFFICER] })
  @ApiCreatedResponse({ type: ConsentResponse })
  @ApiTooManyRequestsResponse({
    description:
      "COOPERATIVE.QUOTA_EXCEEDED: the coop's consents this hour reached CONSENTS_PER_COOP_PER_HOUR; Retry-After; nothing stored",
  })
  grant(@CurrentActor() actor: Actor, @Body() dto: GrantConsentDto): Promise<ConsentResponse> {
    return this.service.grantConsent(actor, dto);
  }

  @Get(':id')
  @Authenticated({ roles: [Role.LOAN_OFFICER, Role.COOP_ADMIN] })
  @ApiOkResponse({ type: ConsentResponse })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<ConsentResponse> {
    return this.service.getConsent(actor, id);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Authenticated({ roles: [Role.LOAN_OFFICER, Role.COOP_ADMIN] })
  @ApiOkResponse({ type: ConsentResponse, description: 'Revoked at once' })
  revoke(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<ConsentResponse> {
    return this.service.revokeConsent(actor, id);
  }
}
