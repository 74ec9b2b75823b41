import { UuidParam } from '../../../common/validation/uuid-param';
import { Body, Controller, Get, Header, HttpCode, Post, Query, Req, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Authenticated, CurrentActor, Public } from '../../../common/auth/authenticated.decorator';
import { Actor } from '../../../common/auth/principal';
import { Role } from '../../../common/auth/role';
import { OrderedPageQueryDto, Page } from '../../../common/pagination/page';
import { CsvUploadService } from './csv-upload.service';
import { uploadedFile } from './csv-upload.reader';
import { CsvUploadQueryDto, SubmitRecordsDto } from './dto/submit-records.dto';
import { SubmissionQueuedResponse, SubmissionResponse, SubmissionResultResponse } from './submission.response';
import { submissionTemplate } from './submission-template';
import { SubmissionsService } from './submissions.service';
import { ErrorsQueryDto, IdempotencyKey, TemplateQueryDto } from './dto/submission-headers';
import { languageOf } from '../../../common/i18n/language';

const SUBMITTERS = [Role.DATA_SUBMITTER, Role.COOP_ADMIN];

@ApiTags('submissions')
@Controller('api/v1/submissions')
export class SubmissionsController {
  constructor(
    private readonly service: SubmissionsService,
    private readonly csvUpload: CsvUploadService,
  ) {}

  @Post()
  @Authenticated({ roles: SUBMITTERS })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retried request with the same key returns the first answer',
  })
  @ApiCreatedResponse({ type: SubmissionResultResponse })
  submit(
    @CurrentActor() actor: Actor,
    @Body() dto: SubmitRecordsDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<SubmissionResultResponse> {
    return this.service.submitRecords(actor, dto, idempotencyKey);
  }

  @Post('csv')
  @HttpCode(202)
  @Authenticated({ roles: SUBMITTERS })
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiAcceptedResponse({ type: SubmissionQueuedResponse, description: 'Stored; processed in the background' })
  async uploadCsv(
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Query() query: CsvUploadQueryDto,
  ): Promise<SubmissionQueuedResponse> {
    return this.csvUpload.acceptCsv(actor, await uploadedFile(request), query.mode);
  }

  @Get('template.csv')
  @Public()
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="kcx-template.csv"')
  @ApiQuery({ name: 'lang', enum: ['id', 'en'], required: false })
  @ApiProduces('text/csv')
  template(@Query() query: TemplateQueryDto): string {
    return submissionTemplate(query.lang ?? 'id');
  }

  @Get()
  @Authenticated({ roles: SUBMITTERS })
  @ApiOkResponse({ description: '{items: SubmissionResponse[], nextCursor}' })
  list(@CurrentActor() actor: Actor, @Query() query: OrderedPageQueryDto): Promise<Page<SubmissionResponse>> {
    return this.service.listSubmissions(actor, query);
  }

  @Get(':id')
  @Authenticated({ roles: SUBMITTERS })
  @ApiOkResponse({ type: SubmissionResponse })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<SubmissionResponse> {
    return this.service.getSubmission(actor, id);
  }

  @Get(':id/errors')
  @Authenticated({ roles: SUBMITTERS })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiHeader({ name: 'Accept-Language', required: false, description: 'id (first preference): the Indonesian form' })
  @ApiOkResponse({
    description:
      'row,field,code,message (comma, English); with ?lang=id or Accept-Language: id the Indonesian Excel form: UTF-8 BOM, `;`, baris;kolom;kode;pesan;field_api, the columns as the file wrote them. Row order, then column',
  })
  async errors(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Query() query: ErrorsQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<StreamableFile> {
    const lang = query.lang ?? languageOf(request);
    return new StreamableFile(await this.service.errorsCsv(actor, id, lang), { type: 'text/csv; charset=utf-8' });
  }
}
