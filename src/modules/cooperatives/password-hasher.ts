import { Injectable } from '@nestjs/common';
import * as bcrypt from 'bcrypt';
import { AppConfig } from '../../config/app-config';

/** bcrypt for passwords only: run at user creation and at login, never per request. */
@Injectable()
export class PasswordHasher {
  private dummy: Promise<string> | null = null;

  constructor(private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.config.auth.bcryptCost);
  }

  verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  }

  /** Compares against a throwaway hash so an unknown email costs as much time as a wrong password. */
  async verifyAgainstNothing(password: string): Promise<false> {
    this.dummy ??= bcrypt.hash('no-such-user-' + Math.random(), this.config.auth.bcryptCost);
    await bcrypt.compare(password, await this.dummy);
    return false;
  }
}
