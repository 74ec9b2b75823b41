import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../../common/auth/authenticated.decorator';
import { Actor } from '../../common/auth/principal';
import { Role } from '../../common/auth/role';
import { Page } from '../../common/pagination/page';
import { UserResponse } from './cooperatives.response';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersDto } from './dto/list-users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly service: UsersService) {}

  @Post()
  @Authenticated({ roles: [Role.NETWORK_ADMIN, Role.COOP_ADMIN] })
  @ApiCreatedResponse({ type: UserResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.service.createUser(actor, dto);
  }

  @Get()
  @Authenticated({ roles: [Role.NETWORK_ADMIN, Role.COOP_ADMIN] })
  @ApiOkResponse({ description: '{items: UserResponse[], nextCursor}' })
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersDto): Promise<Page<UserResponse>> {
    return this.service.listUsers(actor, query);
  }
}
