import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { pipeline, Readable, Transform } from 'node:stream';
import { Actor } from '../../../common/auth/principal';
import { Tx, UnitOfWork } from '../../../common/database/unit-of-work';
import { Page, toPage } from '../../../common/pagination/page';
import { AuditAction, AuditOutcome } from '../audit-action';
import { AuditService } from '../audit.service';
import { BorrowersRepository } from '../../borrowers/borrowers.repository';
import { BorrowersService } from '../../borrowers/borrowers.service';
import { AUDIT_EXCEL_HEADER, toExcelRecord } from './audit-excel';
import { AUDIT_CSV_COLUMNS, AuditEventResponse, AuditEventRow, toAuditEventResponse } from './audit-event.response';
import { AuditEventFilter, auditScope, auditWhere, filterDetails, timeRange } from './audit-event-filter';
import { AuditQueryRepository } from './audit-query.repository';
import {
  AuditEventFiltersDto,
  AuditExportFormat,
  AuditPageQueryDto,
  ExportAuditEventsDto,
  ListAuditEventsDto,
  SearchAuditEventsDto,
} from './dto/audit-event-query.dto';

const DEFAULT_LIMIT = 50;

/** An export as the controller sends it: the CSV text as it is produced, and the file name to save it under. */
export interface AuditExport {
  stream: Readable;
  filename: string;
}

/** Auditors' reads of the audit log; every read is itself recorded as AUDIT_LOG_READ. */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: AuditQueryRepository,
    private readonly borrowers: BorrowersService,
    private readonly borrowerRows: BorrowersRepository,
    private readonly audit: AuditService,
  ) {}

  listEvents(actor: Actor, query: ListAuditEventsDto): Promise<Page<AuditEventResponse>> {
    const filter = toFilter(query);
    return this.uow.run(async (tx) => {
      const page = await this.readPage(tx, actor, filter, query);
      await this.recordRead(tx, actor, {
        query: 'LIST',
        filters: filterDetails(filter),
        ...pagingDetails(query),
        returned: page.items.length,
      });
      return page;
    });
  }

  /** One borrower's events. The NIK goes no further than keyForNik: the read is recorded with the subject ref only. */
  searchEvents(actor: Actor, dto: SearchAuditEventsDto, paging: AuditPageQueryDto): Promise<Page<AuditEventResponse>> {
    const borrower = this.borrowers.keyForNik(dto.nik);
    const range = timeRange(dto.from, dto.to);
    return this.uow.run(async (tx) => {
      const known = await this.borrowerRows.findByKey(tx, borrower.key);
      const filter: AuditEventFilter = { ...range, subjectRef: known?.subjectRef };
      // An unknown borrower has no events; without a subject ref the filter would match everything.
      const page = known ? await this.readPage(tx, actor, filter, paging) : { items: [], nextCursor: null };
      // The ref goes in details, not subject_ref, so a later search finds the borrower's events, not auditors' reads.
      await this.recordRead(tx, actor, {
        query: 'SEARCH',
        filters: filterDetails({ ...range, subjectRef: known?.subjectRef }),
        borrowerKnown: known !== null,
        ...pagingDetails(paging),
        returned: page.items.length,
      });
      return page;
    });
  }

  /**
   * CSV of every matching event, newest first, streamed in keyset batches; the read is recorded before any row goes
   * out. The default form is for programs; format=excel is the same rows for Indonesian Excel (audit-excel.ts).
   */
  async exportCsv(actor: Actor, query: ExportAuditEventsDto): Promise<AuditExport> {
    const filter = toFilter(query);
    const excel = query.format === AuditExportFormat.EXCEL;
    const where = auditWhere(filter, auditScope(actor.principal));
    await this.uow.run((tx) =>
      this.recordRead(tx, actor, {
        query: 'EXPORT',
        filters: filterDetails(filter),
        ...(excel ? { format: 'excel' } : {}),
      }),
    );
    const rows = Readable.from(this.events.stream(this.uow.manager, where));
    // pipeline (not pipe): a client that hangs up destroys the CSV stream, and with it the batch reader.
    if (!excel) {
      const csv = stringify({
        header: true,
        columns: AUDIT_CSV_COLUMNS,
        cast: { date: (d) => d.toISOString() },
        escape_formulas: true,
      });
      return { stream: pipeline(rows, csv, () => undefined), filename: 'audit-events.csv' };
    }
    const excelCsv = stringify({
      bom: true,
      delimiter: ';',
      record_delimiter: 'windows',
      header: true,
      columns: AUDIT_EXCEL_HEADER,
      escape_formulas: true,
    });
    const records = new Transform({
      objectMode: true,
      transform: (row: AuditEventRow, _enc, done) => done(null, toExcelRecord(row)),
    });
    return { stream: pipeline(rows, records, excelCsv, () => undefined), filename: 'log-audit-wib.csv' };
  }

  private async readPage(
    tx: Tx,
    actor: Actor,
    filter: AuditEventFilter,
    paging: AuditPageQueryDto,
  ): Promise<Page<AuditEventResponse>> {
    const limit = paging.limit ?? DEFAULT_LIMIT;
    const rows = await this.events.page(tx, auditWhere(filter, auditScope(actor.principal)), paging.cursor, limit + 1);
    return toPage(rows, limit, toAuditEventResponse);
  }

  private recordRead(tx: Tx, actor: Actor, details: Record<string, unknown>): Promise<string> {
    return this.audit.record(tx, actor, { action: AuditAction.AUDIT_LOG_READ, outcome: AuditOutcome.ALLOWED, details });
  }
}

/**
 * How the read was paged, as its AUDIT_LOG_READ event records it: whether it was a later page, never the cursor
 * itself. Audit details are kept for good, so they hold only validated, typed values, never text from the request.
 */
export function pagingDetails(paging: AuditPageQueryDto): { laterPage?: true } {
  return paging.cursor !== undefined ? { laterPage: true } : {};
}

function toFilter(query: AuditEventFiltersDto): AuditEventFilter {
  const { action, outcome, actorCooperativeId, actorUserId } = query;
  return { action, outcome, actorCooperativeId, actorUserId, ...timeRange(query.from, query.to) };
}
