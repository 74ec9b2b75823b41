import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '../../common/database/unit-of-work';
import { NetworkStatsRepository } from './network-stats.repository';
import { NetworkStatsResponse, toNetworkStats } from './network-stats.response';

@Injectable()
export class NetworkStatsService {
  private readonly logger = new Logger(NetworkStatsService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: NetworkStatsRepository,
  ) {}

  /** Aggregates only: no borrower appears, so the read is not an audited access to personal data. */
  async getStats(now = new Date()): Promise<NetworkStatsResponse> {
    const rows = await this.repository.cooperativeStats(this.uow.manager, now);
    const stats = toNetworkStats(rows, now);
    if (stats.amountsCapped) {
      // Sums this large mean implausible records somewhere (each is capped at Rp 1 trillion): worth a look.
      const coops = stats.cooperatives.filter((c) => c.totalOutstanding === Number.MAX_SAFE_INTEGER).map((c) => c.id);
      this.logger.warn({ cooperativeIds: coops }, 'network stats: outstanding sums past 2^53 shown capped');
    }
    return stats;
  }
}
