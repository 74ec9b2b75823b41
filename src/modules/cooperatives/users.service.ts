import { Injectable } from '@nestjs/common';
import { Actor, AuditActor, Principal, coopOf } from '../../common/auth/principal';
import { isNetworkRole, Role } from '../../common/auth/role';
import { uniqueViolation } from '../../common/database/pg-errors';
import { UnitOfWork } from '../../common/database/unit-of-work';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { Page, pageLimit, toPage } from '../../common/pagination/page';
import { AuditAction, AuditOutcome } from '../audit/audit-action';
import { AuditService } from '../audit/audit.service';
import { AccountVerifier } from './account-verifier';
import { CooperativesRepository } from './cooperatives.repository';
import { toUserResponse, UserResponse } from './cooperatives.response';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersDto } from './dto/list-users.dto';
import { PasswordHasher } from './password-hasher';
import { passwordProblem } from './password-policy';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UsersRepository,
    private readonly cooperatives: CooperativesRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly accounts: AccountVerifier,
  ) {}

  /**
   * Ends every access token of the user, on every process, at once: for changes the database trigger cannot see
   * (disabling a user, "sign out everywhere"). A change of password hash, role or coop is stamped by the trigger
   * itself; after committing one, call AccountVerifier.announceChange(userId) so other processes drop their cache.
   */
  async endSessions(userId: string): Promise<void> {
    const found = await this.uow.run((tx) => this.users.markCredentialsChanged(tx, userId));
    if (!found) throw notFound('USER.NOT_FOUND', 'User');
    await this.accounts.announceChange(userId);
  }

  async createUser(actor: Actor, dto: CreateUserDto): Promise<UserResponse> {
    const principal = actor.principal;
    const cooperativeId = this.targetCooperative(principal, dto);
    return this.insertUser(actor, dto, cooperativeId);
  }

  /** Idempotent by email, for the CLI and the demo seed: an existing user is returned unchanged. */
  async ensureUser(actor: AuditActor, dto: CreateUserDto): Promise<{ user: UserResponse; created: boolean }> {
    const existing = await this.users.findByEmail(this.uow.manager, dto.email.trim().toLowerCase());
    if (existing) {
      if (existing.role !== dto.role) {
        throw new DomainError('USER.EMAIL_TAKEN', `${existing.email} exists with role ${existing.role}`);
      }
      return { user: toUserResponse(existing), created: false };
    }
    return { user: await this.insertUser(actor, dto, dto.cooperativeId ?? null), created: true };
  }

  private async insertUser(actor: AuditActor, dto: CreateUserDto, cooperativeId: string | null): Promise<UserResponse> {
    assertAcceptablePassword(dto.password, { email: dto.email, name: dto.name });
    // Hash before the transaction: bcrypt takes ~0.25 s and must not hold a connection.
    const passwordHash = await this.hasher.hash(dto.password);
    try {
      return await this.uow.run(async (tx) => {
        if (cooperativeId !== null && !(await this.cooperatives.findById(tx, cooperativeId))) {
          throw notFound('COOPERATIVE.NOT_FOUND', 'Cooperative');
        }
        const user = await this.users.create(tx, {
          email: dto.email.trim().toLowerCase(),
          name: dto.name.trim(),
          role: dto.role,
          cooperativeId,
          passwordHash,
        });
        await this.audit.record(tx, actor, {
          action: AuditAction.USER_CREATED,
          outcome: AuditOutcome.ALLOWED,
          subjectRef: user.id,
          details: { role: user.role, cooperativeId },
        });
        return toUserResponse(user);
      });
    } catch (err) {
      if (uniqueViolation(err) !== null) {
        throw new DomainError('USER.EMAIL_TAKEN', 'A user with this email exists', [
          { field: 'email', message: 'already in use' },
        ]);
      }
      throw err;
    }
  }

  async listUsers(actor: Actor, query: ListUsersDto): Promise<Page<UserResponse>> {
    const principal = actor.principal;
    // Coop admins see their own coop only, whatever filter they send.
    const scope = principal.role === Role.NETWORK_ADMIN ? query.cooperativeId : coopOf(actor);
    const limit = pageLimit(query);
    const rows = await this.users.list(this.uow.manager, scope, query.cursor, limit);
    return toPage(rows, limit, toUserResponse);
  }

  /** Which coop the new user belongs to, after the scoping rules of API.md. */
  private targetCooperative(principal: Principal, dto: CreateUserDto): string | null {
    if (isNetworkRole(dto.role)) {
      if (principal.role !== Role.NETWORK_ADMIN) {
        throw new DomainError('AUTH.FORBIDDEN', 'Only a network admin creates network staff');
      }
      if (dto.cooperativeId) {
        throw new DomainError('VALIDATION', 'Network staff belong to no cooperative', [
          { field: 'cooperativeId', message: 'must be absent for network roles' },
        ]);
      }
      return null;
    }
    if (!dto.cooperativeId) {
      throw new DomainError('VALIDATION', 'Coop staff need a cooperative', [
        { field: 'cooperativeId', message: 'is required for coop roles' },
      ]);
    }
    if (principal.role === Role.COOP_ADMIN && dto.cooperativeId !== principal.cooperativeId) {
      // Another coop's id answers as if it did not exist.
      throw notFound('COOPERATIVE.NOT_FOUND', 'Cooperative');
    }
    return dto.cooperativeId;
  }
}

/** The password policy as a 400 naming the field; for every place that sets a password. */
export function assertAcceptablePassword(
  password: string,
  context: { email?: string; name?: string },
  field = 'password',
): void {
  const problem = passwordProblem(password, context);
  if (problem) throw new DomainError('VALIDATION', `The password ${problem}`, [{ field, message: problem }]);
}
