import { Body, Controller, Get, Header, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../../../common/auth/authenticated.decorator';
import { Actor } from '../../../common/auth/principal';
import { Role } from '../../../common/auth/role';
import { Page } from '../../../common/pagination/page';
import { AuditEventResponse } from './audit-event.response';
import { AuditQueryService } from './audit-query.service';
import {
  AuditPageQueryDto,
  ExportAuditEventsDto,
  ListAuditEventsDto,
  SearchAuditEventsDto,
} from './dto/audit-event-query.dto';

const AUDITORS = [Role.AUDITOR, Role.NETWORK_AUDITOR];

@ApiTags('audit')
@Controller('api/v1/audit-events')
export class AuditEventsController {
  constructor(private readonly service: AuditQueryService) {}

  @Get()
  @Authenticated({ roles: AUDITORS })
  @ApiOkResponse({
    description: '{items: AuditEventResponse[], nextCursor}, newest first; a coop AUDITOR sees its own actors only',
  })
  list(@CurrentActor() actor: Actor, @Query() query: ListAuditEventsDto): Promise<Page<AuditEventResponse>> {
    return this.service.listEvents(actor, query);
  }

  @Post('search')
  @HttpCode(200)
  @Authenticated({ roles: AUDITORS })
  @ApiOkResponse({
    description: "{items: AuditEventResponse[], nextCursor}: one borrower's events; an unknown NIK gives none",
  })
  search(
    @CurrentActor() actor: Actor,
    @Body() dto: SearchAuditEventsDto,
    @Query() paging: AuditPageQueryDto,
  ): Promise<Page<AuditEventResponse>> {
    return this.service.searchEvents(actor, dto, paging);
  }

  @Get('export')
  @Authenticated({ roles: AUDITORS })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'Default (audit-events.csv): id,occurredAt,action,outcome,actorUserId,actorApiKeyId,actorCooperativeId,' +
      'actorRole,subjectRef,purpose,consentId,requestId,ip,actorUserName,actorUserEmail,actorApiKeyName,' +
      'actorCooperativeName,reason. format=excel (log-audit-wib.csv): BOM, ";", WIB times, Indonesian headers',
  })
  async export(@CurrentActor() actor: Actor, @Query() query: ExportAuditEventsDto): Promise<StreamableFile> {
    const { stream, filename } = await this.service.exportCsv(actor, query);
    return new StreamableFile(stream, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${filename}"`,
    });
  }
}
