import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BorrowerIdentityEntity } from './borrower-identity.entity';
import { BorrowerEntity } from './borrower.entity';
import { BorrowersRepository } from './borrowers.repository';
import { BorrowersService } from './borrowers.service';

@Module({
  imports: [TypeOrmModule.forFeature([BorrowerEntity, BorrowerIdentityEntity])],
  providers: [BorrowersService, BorrowersRepository],
  exports: [BorrowersService, BorrowersRepository],
})
export class BorrowersModule {}
