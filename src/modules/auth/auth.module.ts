import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../../config/app-config';
import { CooperativesModule } from '../cooperatives/cooperatives.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottle, RequestRateLimiter } from './throttles';
import { jwtOptions } from './jwt-options';
import { TokenService } from './token.service';

@Module({
  imports: [JwtModule.registerAsync({ inject: [AppConfig], useFactory: jwtOptions }), CooperativesModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    TokenService,
    LoginThrottle,
    RequestRateLimiter,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, TokenService],
})
export class AuthModule {}
