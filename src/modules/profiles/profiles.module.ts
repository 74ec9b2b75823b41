import { Module } from '@nestjs/common';
import { BorrowersModule } from '../borrowers/borrowers.module';
import { RiskModule } from '../risk/risk.module';
import { UsageModule } from '../usage/usage.module';
import { AlertsModule } from '../monitoring/alerts/alerts.module';
import { ProfilesController } from './profiles.controller';
import { ProfilesRepository } from './profiles.repository';
import { ProfilesService } from './profiles.service';

@Module({
  imports: [BorrowersModule, RiskModule, UsageModule, AlertsModule],
  controllers: [ProfilesController],
  providers: [ProfilesService, ProfilesRepository],
})
export class ProfilesModule {}
