import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { CoreModule } from '../core.module';
import { CooperativesModule } from '../modules/cooperatives/cooperatives.module';
import { LoansModule } from '../modules/loans/loans.module';
import { ConsentsModule } from '../modules/consents/consents.module';
import { EnrollmentsModule } from '../modules/monitoring/enrollments/enrollments.module';
import { DemoSeeder } from './demo-seeder';

@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [CoreModule.forRoot(config), CooperativesModule, LoansModule, ConsentsModule, EnrollmentsModule],
      providers: [DemoSeeder],
    };
  }
}
