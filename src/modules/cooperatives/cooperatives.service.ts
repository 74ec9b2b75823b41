import { Injectable } from '@nestjs/common';
import { Actor, AuditActor } from '../../common/auth/principal';
import { uniqueViolation } from '../../common/database/pg-errors';
import { UnitOfWork } from '../../common/database/unit-of-work';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { Page, PageQueryDto, pageLimit, toPage } from '../../common/pagination/page';
import { AuditAction, AuditOutcome } from '../audit/audit-action';
import { AuditService } from '../audit/audit.service';
import { CooperativesRepository } from './cooperatives.repository';
import { CooperativeResponse, toCooperativeResponse } from './cooperatives.response';
import { CreateCooperativeDto } from './dto/create-cooperative.dto';
import { UpdateCooperativeDto } from './dto/update-cooperative.dto';

@Injectable()
export class CooperativesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly cooperatives: CooperativesRepository,
    private readonly audit: AuditService,
  ) {}

  async createCooperative(actor: AuditActor, dto: CreateCooperativeDto): Promise<CooperativeResponse> {
    try {
      return await this.uow.run(async (tx) => {
        const coop = await this.cooperatives.create(tx, {
          name: dto.name.trim(),
          registrationNumber: dto.registrationNumber.trim(),
          type: dto.type,
          district: dto.district.trim(),
        });
        await this.audit.record(tx, actor, {
          action: AuditAction.COOPERATIVE_CREATED,
          outcome: AuditOutcome.ALLOWED,
          subjectRef: coop.id,
        });
        return toCooperativeResponse(coop);
      });
    } catch (err) {
      if (uniqueViolation(err) !== null) {
        throw new DomainError('COOPERATIVE.REGISTRATION_TAKEN', 'A cooperative with this registration number exists', [
          { field: 'registrationNumber', message: 'already registered' },
        ]);
      }
      throw err;
    }
  }

  /** Idempotent by registration number, for the demo seed: never changes an existing coop. */
  async ensureCooperative(actor: AuditActor, dto: CreateCooperativeDto): Promise<CooperativeResponse> {
    const existing = await this.cooperatives.findByRegistrationNumber(this.uow.manager, dto.registrationNumber);
    return existing ? toCooperativeResponse(existing) : this.createCooperative(actor, dto);
  }

  async listCooperatives(query: PageQueryDto): Promise<Page<CooperativeResponse>> {
    const limit = pageLimit(query);
    const rows = await this.cooperatives.list(this.uow.manager, query.cursor, limit);
    return toPage(rows, limit, toCooperativeResponse);
  }

  async changeStatus(actor: Actor, id: string, dto: UpdateCooperativeDto): Promise<CooperativeResponse> {
    return this.uow.run(async (tx) => {
      const coop = await this.cooperatives.findByIdForUpdate(tx, id);
      if (!coop) throw notFound('COOPERATIVE.NOT_FOUND', 'Cooperative');
      const previous = coop.status;
      if (previous !== dto.status) {
        await this.cooperatives.setStatus(tx, id, dto.status);
        await this.audit.record(tx, actor, {
          action: AuditAction.COOPERATIVE_STATUS_CHANGED,
          outcome: AuditOutcome.ALLOWED,
          subjectRef: id,
          details: { from: previous, to: dto.status },
        });
      }
      return toCooperativeResponse({ ...coop, status: dto.status });
    });
  }
}
