import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../../common/auth/authenticated.decorator';
import { Actor } from '../../common/auth/principal';
import { Role } from '../../common/auth/role';
import { QueryProfileDto } from './dto/query-profile.dto';
import { ProfileResponse } from './profile.response';
import { ProfilesService } from './profiles.service';

@ApiTags('profiles')
@Controller('api/v1/profiles')
export class ProfilesController {
  constructor(private readonly service: ProfilesService) {}

  @Post('query')
  @HttpCode(200)
  @Authenticated({ roles: [Role.LOAN_OFFICER] })
  @ApiOkResponse({
    type: ProfileResponse,
    description: "The borrower's profile; the query is audited and kept as an inquiry",
  })
  @ApiForbiddenResponse({
    description:
      'CONSENT.MISSING, CONSENT.EXPIRED, CONSENT.REVOKED, COOPERATIVE.SUSPENDED or RECIPROCITY.NOT_REPORTING; audited',
  })
  @ApiTooManyRequestsResponse({
    description:
      "COOPERATIVE.QUOTA_EXCEEDED: the coop's profile queries this hour reached PROFILE_QUERIES_PER_COOP_PER_HOUR; Retry-After; audited",
  })
  query(@CurrentActor() actor: Actor, @Body() dto: QueryProfileDto): Promise<ProfileResponse> {
    return this.service.queryProfile(actor, dto);
  }
}
