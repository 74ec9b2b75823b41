import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../common/auth/role';
import { CooperativeStatus, CooperativeType } from './cooperative-type';
import { ApiKeyEntity } from './entities/api-key.entity';
import { CooperativeEntity } from './entities/cooperative.entity';
import { UserEntity } from './entities/user.entity';

export class CooperativeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'KSP Sejahtera Bersama' }) name: string;
  @ApiProperty({ example: '518/BH/XIV.7/2019' }) registrationNumber: string;
  @ApiProperty({ enum: CooperativeType }) type: CooperativeType;
  @ApiProperty({ example: 'Kota Pekalongan' }) district: string;
  @ApiProperty({ enum: CooperativeStatus }) status: CooperativeStatus;
}

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'siti@ksp-sejahtera.co.id' }) email: string;
  @ApiProperty({ example: 'Siti Rahmawati' }) name: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) cooperativeId: string | null;
}

export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Core banking nightly upload' }) name: string;
  @ApiProperty({ enum: [Role.LOAN_OFFICER, Role.DATA_SUBMITTER] }) role: Role;
  @ApiProperty({ example: 'kcx_3fA9', description: 'First characters of the key' }) keyPrefix: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({ description: 'The key itself; shown only in this answer', example: 'kcx_3fA9...' })
  key: string;
}

export const toCooperativeResponse = (c: CooperativeEntity): CooperativeResponse => ({
  id: c.id,
  name: c.name,
  registrationNumber: c.registrationNumber,
  type: c.type,
  district: c.district,
  status: c.status,
});

export const toUserResponse = (u: UserEntity): UserResponse => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  cooperativeId: u.cooperativeId,
});

export const toApiKeyResponse = (k: ApiKeyEntity): ApiKeyResponse => ({
  id: k.id,
  name: k.name,
  role: k.role,
  keyPrefix: k.keyPrefix,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});
