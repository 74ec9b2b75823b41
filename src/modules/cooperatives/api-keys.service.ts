import { Injectable } from '@nestjs/common';
import { Actor, coopOf } from '../../common/auth/principal';
import { keyedHash } from '../../common/crypto/keyed-hash';
import { UnitOfWork } from '../../common/database/unit-of-work';
import { notFound } from '../../common/errors/domain-error';
import { Page, PageQueryDto, pageLimit, toPage } from '../../common/pagination/page';
import { AppConfig } from '../../config/app-config';
import { AuditAction, AuditOutcome } from '../audit/audit-action';
import { AuditService } from '../audit/audit.service';
import { apiKeyDisplayPrefix, generateApiKey } from './api-key-format';
import { ApiKeyVerifier } from './api-key-verifier';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeyResponse, CreatedApiKeyResponse, toApiKeyResponse } from './cooperatives.response';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly keys: ApiKeysRepository,
    private readonly verifier: ApiKeyVerifier,
    private readonly audit: AuditService,
  ) {}

  async createApiKey(actor: Actor, dto: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    const principal = actor.principal;
    const cooperativeId = coopOf(actor);
    const key = generateApiKey();
    return this.uow.run(async (tx) => {
      const row = await this.keys.create(tx, {
        cooperativeId,
        name: dto.name.trim(),
        role: dto.role,
        keyHash: keyedHash(this.config.auth.apiKeyHashSecret, key),
        keyPrefix: apiKeyDisplayPrefix(key),
        createdByUserId: principal.userId,
      });
      await this.audit.record(tx, actor, {
        action: AuditAction.API_KEY_CREATED,
        outcome: AuditOutcome.ALLOWED,
        subjectRef: row.id,
        details: { role: row.role },
      });
      return { ...toApiKeyResponse(row), key };
    });
  }

  async revokeApiKey(actor: Actor, id: string): Promise<void> {
    const cooperativeId = coopOf(actor);
    await this.uow.run(async (tx) => {
      // Another coop's key answers 404, exactly like a key that does not exist.
      const key = await this.keys.findInCooperative(tx, id, cooperativeId);
      if (!key) throw notFound('API_KEY.NOT_FOUND', 'API key');
      if (await this.keys.revoke(tx, id)) {
        await this.audit.record(tx, actor, {
          action: AuditAction.API_KEY_REVOKED,
          outcome: AuditOutcome.ALLOWED,
          subjectRef: id,
        });
      }
    });
    await this.verifier.announceRevocation(id);
  }

  async listApiKeys(actor: Actor, query: PageQueryDto): Promise<Page<ApiKeyResponse>> {
    const limit = pageLimit(query);
    const rows = await this.keys.list(this.uow.manager, coopOf(actor), query.cursor, limit);
    return toPage(rows, limit, toApiKeyResponse);
  }
}
