import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../common/database/unit-of-work';
import { Page, pageLimit, toPage } from '../../common/pagination/page';
import { UsageAnomalyQueryDto } from './dto/usage-anomaly-query.dto';
import { toUsageAnomalyResponse, UsageAnomalyResponse } from './usage-anomaly.response';
import { UsageRepository } from './usage.repository';

/** The auditors' list of usage anomalies: counts and credential ids, no borrower, so not an audited read. */
@Injectable()
export class UsageAnomaliesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: UsageRepository,
  ) {}

  async list(query: UsageAnomalyQueryDto): Promise<Page<UsageAnomalyResponse>> {
    const limit = pageLimit(query);
    const rows = await this.repository.list(this.uow.manager, {
      kind: query.kind,
      cooperativeId: query.cooperativeId,
      cursor: query.cursor,
      limit,
    });
    return toPage(rows, limit, toUsageAnomalyResponse);
  }
}
