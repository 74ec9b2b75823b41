import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../../common/auth/authenticated.decorator';
import { Actor } from '../../common/auth/principal';
import { Role } from '../../common/auth/role';
import { AuditVerificationResponse, toAuditVerificationResponse } from './audit-verification.response';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('api/v1/audit-events')
export class AuditVerifyController {
  constructor(private readonly service: AuditService) {}

  @Get('verify')
  @Authenticated({ roles: [Role.NETWORK_AUDITOR] })
  @ApiOkResponse({
    type: AuditVerificationResponse,
    description: 'Walks the whole hash chain; the check is itself audited',
  })
  async verify(@CurrentActor() actor: Actor): Promise<AuditVerificationResponse> {
    return toAuditVerificationResponse(await this.service.verifyForAuditor(actor));
  }
}
