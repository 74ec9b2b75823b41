import { Injectable } from '@nestjs/common';
import { Actor, coopOf } from '../../../common/auth/principal';
import { UnitOfWork } from '../../../common/database/unit-of-work';
import { Page, PageQueryDto, pageLimit, toPage } from '../../../common/pagination/page';
import { StaleLoanResponse, toStaleLoanResponse } from './stale-loan.response';
import { StaleLoansRepository } from './stale-loans.repository';

@Injectable()
export class StaleLoansService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: StaleLoansRepository,
  ) {}

  /**
   * The caller's own coop's active loans missing from its last period, for the submitter to report or close.
   * Not an audited read: it names the coop's own loans by its own references, no borrower (as the submissions list).
   */
  async listStale(actor: Actor, query: PageQueryDto): Promise<Page<StaleLoanResponse>> {
    const limit = pageLimit(query);
    const rows = await this.repository.list(this.uow.manager, coopOf(actor), query.cursor, limit);
    return toPage(rows, limit, toStaleLoanResponse);
  }
}
