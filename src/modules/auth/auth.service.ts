import { Injectable } from '@nestjs/common';
import { AnonymousActor } from '../../common/auth/principal';
import { UnitOfWork } from '../../common/database/unit-of-work';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { AuditAction, AuditOutcome } from '../audit/audit-action';
import { AuditService } from '../audit/audit.service';
import { toUserResponse } from '../cooperatives/cooperatives.response';
import { PasswordHasher } from '../cooperatives/password-hasher';
import { UsersRepository } from '../cooperatives/users.repository';
import { CooperativesRepository } from '../cooperatives/cooperatives.repository';
import { LoginResponse } from './auth.response';
import { LoginDto } from './dto/login.dto';
import { LoginThrottle } from './throttles';
import { TokenService } from './token.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly users: UsersRepository,
    private readonly cooperatives: CooperativesRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
  ) {}

  async login(actor: AnonymousActor, dto: LoginDto): Promise<LoginResponse> {
    const email = dto.email.trim().toLowerCase();
    try {
      await this.throttle.admit(email, actor.ip);
    } catch (err) {
      await this.audit.recordAlone(actor, {
        action: AuditAction.AUTH_LOGIN,
        outcome: AuditOutcome.DENIED,
        details: { reason: 'THROTTLED' },
      });
      throw err;
    }

    let user: Awaited<ReturnType<UsersRepository['findByEmail']>>;
    let valid: boolean;
    try {
      user = await this.users.findByEmail(this.uow.manager, email);
      valid = user
        ? await this.hasher.verify(dto.password, user.passwordHash)
        : await this.hasher.verifyAgainstNothing(dto.password);
    } catch (err) {
      // Not a wrong password: the attempt must not count as one.
      await this.throttle.release(email, actor.ip);
      throw err;
    }

    if (!user || !valid) {
      await this.throttle.recordFailure(email, actor.ip);
      await this.audit.recordAlone(actor, {
        action: AuditAction.AUTH_LOGIN,
        outcome: AuditOutcome.DENIED,
        subjectRef: user?.id ?? null,
        details: { reason: 'INVALID_CREDENTIALS' },
        actorOverride: {
          userId: user?.id ?? null,
          cooperativeId: user?.cooperativeId ?? null,
          role: user?.role ?? null,
        },
      });
      // One answer for an unknown email and a wrong password.
      throw new DomainError('AUTH.INVALID_CREDENTIALS', 'Email or password is wrong');
    }

    await this.throttle.recordSuccess(email, actor.ip);
    await this.uow.run(async (tx) => {
      await this.users.touchLastLogin(tx, user.id);
      await this.audit.record(tx, actor, {
        action: AuditAction.AUTH_LOGIN,
        outcome: AuditOutcome.ALLOWED,
        subjectRef: user.id,
        actorOverride: { userId: user.id, cooperativeId: user.cooperativeId, role: user.role },
      });
    });
    // The console prints the coop's name on reports; people otherwise never see their own coop's name.
    const coop = user.cooperativeId ? await this.cooperatives.findById(this.uow.manager, user.cooperativeId) : null;
    return {
      accessToken: this.tokens.issue(user),
      tokenType: 'Bearer',
      expiresIn: this.config.auth.tokenTtlSeconds,
      user: { ...toUserResponse(user), cooperativeName: coop?.name ?? null },
    };
  }
}
