import { ApiProperty } from '@nestjs/swagger';
import { UserResponse } from '../cooperatives/cooperatives.response';

export class LoginUserResponse extends UserResponse {
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'KSP Batik Sejahtera',
    description: "The user's cooperative (null for network staff)",
  })
  cooperativeName: string | null;
}

export class LoginResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ example: 900, description: 'Seconds until the token expires' }) expiresIn: number;
  @ApiProperty({ type: LoginUserResponse }) user: LoginUserResponse;
}

export class MeResponse {
  @ApiProperty({ enum: ['user', 'apiKey'] }) kind: 'user' | 'apiKey';
  @ApiProperty({ nullable: true, type: String }) userId: string | null;
  @ApiProperty({ nullable: true, type: String }) apiKeyId: string | null;
  @ApiProperty({ nullable: true, type: String }) cooperativeId: string | null;
  @ApiProperty() role: string;
}
