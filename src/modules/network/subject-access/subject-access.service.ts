import { Injectable } from '@nestjs/common';
import { Actor } from '../../../common/auth/principal';
import { Tx, UnitOfWork } from '../../../common/database/unit-of-work';
import { AuditAction, AuditOutcome } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { BorrowersRepository } from '../../borrowers/borrowers.repository';
import { BorrowersService } from '../../borrowers/borrowers.service';
import { SubjectAccessRequestDto } from './dto/subject-access-request.dto';
import { SubjectAccessRepository } from './subject-access.repository';
import { emptyReport, SubjectAccessReportResponse, toSubjectAccessReport } from './subject-access.response';

@Injectable()
export class SubjectAccessService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: SubjectAccessRepository,
    private readonly borrowers: BorrowersService,
    private readonly borrowerRows: BorrowersRepository,
    private readonly audit: AuditService,
  ) {}

  /** Everything held about one borrower, with lender names, for the borrower's own request (UU PDP art. 7). */
  async report(actor: Actor, dto: SubjectAccessRequestDto): Promise<SubjectAccessReportResponse> {
    const { key } = this.borrowers.keyForNik(dto.nik);
    const now = new Date();
    return this.uow.run(async (tx) => {
      const subjectRef = (await this.borrowerRows.findByKey(tx, key))?.subjectRef ?? null;
      // Reads one after another: a transaction is one connection.
      const report =
        subjectRef === null ? emptyReport(now) : toSubjectAccessReport(await this.read(tx, key, subjectRef), now);
      await this.audit.record(tx, actor, {
        action: AuditAction.SUBJECT_ACCESS_REPORT,
        outcome: AuditOutcome.ALLOWED,
        subjectRef,
        details: { found: subjectRef !== null, loans: report.loans.length, inquiries: report.inquiries.length },
      });
      return report;
    });
  }

  private async read(tx: Tx, key: string, subjectRef: string) {
    const loans = await this.repository.loans(tx, key);
    return {
      subjectRef,
      // Every inquiry held, however old: the right of access covers all of it, not what still counts in a profile.
      inquiries: await this.repository.inquiries(tx, key),
      loans,
      records: await this.repository.records(tx, key),
      corrections: await this.repository.corrections(
        tx,
        loans.map((l) => l.id),
      ),
      disputes: await this.repository.disputes(tx, key),
      consents: await this.repository.consents(tx, key),
      identities: await this.repository.identities(tx, key),
      risk: await this.repository.riskProfile(tx, key),
    };
  }
}
