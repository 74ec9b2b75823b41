import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Authenticated, CurrentActor, Public, RequestActor } from '../../common/auth/authenticated.decorator';
import { Actor, AnonymousActor } from '../../common/auth/principal';
import { Role } from '../../common/auth/role';
import { LoginResponse, MeResponse } from './auth.response';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly service: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'AUTH.INVALID_CREDENTIALS, the same for any wrong email or password' })
  @ApiTooManyRequestsResponse({ description: 'AUTH.THROTTLED after repeated failures, per account and per address' })
  login(@RequestActor() actor: AnonymousActor, @Body() dto: LoginDto): Promise<LoginResponse> {
    return this.service.login(actor, dto);
  }

  @Get('me')
  @Authenticated({ roles: Object.values(Role) })
  @ApiOkResponse({ type: MeResponse, description: 'Who the credential is; handy for checking an API key' })
  me(@CurrentActor() actor: Actor): MeResponse {
    return actor.principal;
  }
}
