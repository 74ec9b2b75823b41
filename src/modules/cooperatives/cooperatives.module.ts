import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountVerifier } from './account-verifier';
import { ApiKeyVerifier } from './api-key-verifier';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { CooperativesController } from './cooperatives.controller';
import { CooperativesRepository } from './cooperatives.repository';
import { CooperativesService } from './cooperatives.service';
import { ApiKeyEntity } from './entities/api-key.entity';
import { CooperativeEntity } from './entities/cooperative.entity';
import { UserEntity } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([CooperativeEntity, UserEntity, ApiKeyEntity])],
  controllers: [CooperativesController, UsersController, ApiKeysController],
  providers: [
    CooperativesRepository,
    UsersRepository,
    ApiKeysRepository,
    CooperativesService,
    UsersService,
    ApiKeysService,
    ApiKeyVerifier,
    AccountVerifier,
    PasswordHasher,
  ],
  exports: [
    UsersRepository,
    CooperativesRepository,
    ApiKeyVerifier,
    AccountVerifier,
    PasswordHasher,
    UsersService,
    CooperativesService,
  ],
})
export class CooperativesModule {}
