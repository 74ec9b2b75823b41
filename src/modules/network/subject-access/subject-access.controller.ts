import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../../../common/auth/authenticated.decorator';
import { Actor } from '../../../common/auth/principal';
import { Role } from '../../../common/auth/role';
import { SubjectAccessRequestDto } from './dto/subject-access-request.dto';
import { SubjectAccessReportResponse } from './subject-access.response';
import { SubjectAccessService } from './subject-access.service';

@ApiTags('network')
@Controller('api/v1/subject-access-reports')
export class SubjectAccessController {
  constructor(private readonly service: SubjectAccessService) {}

  @Post()
  @HttpCode(200)
  @Authenticated({ roles: [Role.NETWORK_ADMIN] })
  @ApiOkResponse({
    type: SubjectAccessReportResponse,
    description:
      'Everything held about the borrower, with lender names; an unknown NIK answers empty lists and subject null',
  })
  report(@CurrentActor() actor: Actor, @Body() dto: SubjectAccessRequestDto): Promise<SubjectAccessReportResponse> {
    return this.service.report(actor, dto);
  }
}
