import { Module } from '@nestjs/common';
import { BorrowersModule } from '../borrowers/borrowers.module';
import { NetworkStatsController } from './network-stats.controller';
import { NetworkStatsRepository } from './network-stats.repository';
import { NetworkStatsService } from './network-stats.service';
import { SubjectAccessController } from './subject-access/subject-access.controller';
import { SubjectAccessRepository } from './subject-access/subject-access.repository';
import { SubjectAccessService } from './subject-access/subject-access.service';

/** Network oversight and subject access reports. */
@Module({
  imports: [BorrowersModule],
  controllers: [NetworkStatsController, SubjectAccessController],
  providers: [NetworkStatsService, NetworkStatsRepository, SubjectAccessService, SubjectAccessRepository],
})
export class NetworkModule {}
