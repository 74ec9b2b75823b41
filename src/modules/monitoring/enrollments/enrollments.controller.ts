import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../../../common/auth/authenticated.decorator';
import { Actor } from '../../../common/auth/principal';
import { Role } from '../../../common/auth/role';
import { Page } from '../../../common/pagination/page';
import { UuidParam } from '../../../common/validation/uuid-param';
import { BulkEnrolDto } from './dto/bulk-enrol.dto';
import { EnrolDto } from './dto/enrol.dto';
import { ListEnrollmentsDto } from './dto/list-enrollments.dto';
import {
  BulkEnrollmentResponse,
  EnrollmentListItemResponse,
  EnrollmentPageResponse,
  EnrollmentResponse,
  PortfolioEnrollmentResponse,
} from './enrollment.response';
import { EnrollmentsService } from './enrollments.service';

const MONITORS = [Role.LOAN_OFFICER, Role.COOP_ADMIN];

@ApiTags('monitoring')
@Controller('api/v1/monitoring/enrollments')
export class EnrollmentsController {
  constructor(private readonly service: EnrollmentsService) {}

  @Post()
  @Authenticated({ roles: MONITORS })
  @ApiOperation({ summary: "Enrol a borrower under the coop's MONITORING consent" })
  @ApiCreatedResponse({
    type: EnrollmentResponse,
    description: 'The enrollment; enrolling again answers the same one. Audited MONITORING_ENROLLED',
  })
  @ApiBadRequestResponse({ description: 'VALIDATION: the NIK is not valid (never echoed)' })
  @ApiForbiddenResponse({
    description:
      'CONSENT.MISSING (also for an unknown NIK), CONSENT.EXPIRED, CONSENT.REVOKED or COOPERATIVE.SUSPENDED; audited',
  })
  enrol(@CurrentActor() actor: Actor, @Body() dto: EnrolDto): Promise<EnrollmentResponse> {
    return this.service.enrol(actor, dto);
  }

  @Post('bulk')
  @HttpCode(200)
  @Authenticated({ roles: MONITORS })
  @ApiOperation({ summary: 'Enrol up to 5,000 borrowers at once' })
  @ApiOkResponse({
    type: BulkEnrollmentResponse,
    description: 'Counts and the refused rows (1-based) with their codes; every row audited MONITORING_ENROLLED',
  })
  @ApiBadRequestResponse({ description: 'VALIDATION (field niks): not an array of strings, or more than 5,000' })
  @ApiForbiddenResponse({ description: 'COOPERATIVE.SUSPENDED; every row audited as refused' })
  enrolBulk(@CurrentActor() actor: Actor, @Body() dto: BulkEnrolDto): Promise<BulkEnrollmentResponse> {
    return this.service.enrolBulk(actor, dto);
  }

  @Post('portfolio')
  @HttpCode(200)
  @Authenticated({ roles: MONITORS })
  @ApiOperation({
    summary: "Enrol the coop's whole active portfolio",
    description:
      "Every borrower with an active loan (latest record's condition 00) at the coop, where its MONITORING consent allows; the rest are listed with the coop's own loan numbers and the consent code",
  })
  @ApiOkResponse({ type: PortfolioEnrollmentResponse, description: 'Every borrower audited MONITORING_ENROLLED' })
  @ApiForbiddenResponse({ description: 'COOPERATIVE.SUSPENDED; every borrower audited as refused' })
  enrolPortfolio(@CurrentActor() actor: Actor): Promise<PortfolioEnrollmentResponse> {
    return this.service.enrolPortfolio(actor);
  }

  @Get()
  @Authenticated({ roles: MONITORS })
  @ApiOperation({ summary: "The coop's enrollments, newest first" })
  @ApiOkResponse({ type: EnrollmentPageResponse })
  list(@CurrentActor() actor: Actor, @Query() query: ListEnrollmentsDto): Promise<Page<EnrollmentListItemResponse>> {
    return this.service.listEnrollments(actor, query);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ roles: MONITORS })
  @ApiOperation({ summary: 'End an enrollment of the coop' })
  @ApiNoContentResponse({ description: 'Ended (ENDED_BY_COOP), audited MONITORING_ENDED; an ended one stays as it is' })
  @ApiNotFoundResponse({ description: "MONITORING.ENROLLMENT_NOT_FOUND: none of the caller's coop" })
  end(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<void> {
    return this.service.endEnrollment(actor, id);
  }
}
