import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../common/database/unit-of-work';
import { NetworkStatsRepository } from './network-stats.repository';
import { NetworkStatsResponse, toNetworkStats } from './network-stats.response';

@Injectable()
export class NetworkStatsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: NetworkStatsRepository,
  ) {}

  /** Aggregates only: no borrower appears, so the read is not an audited access to personal data. */
  async getStats(now = new Date()): Promise<NetworkStatsResponse> {
    const rows = await this.repository.cooperativeStats(this.uow.manager, now);
    return toNetworkStats(rows, now);
  }
}
