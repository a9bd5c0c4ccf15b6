import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDate,
  IsEmail,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsAcceptablePassword } from '../../../common/validation/is-acceptable-password.js';

export class LoginDto {
  @ApiProperty({ example: 'agent@example.com' })
  @IsEmail({ require_tld: false })
  @MaxLength(254)
  email: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}

export class AccessTokenDto {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`' })
  accessToken: string;

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn: number;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType: 'Bearer';
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @MaxLength(1024)
  currentPassword: string;

  @ApiProperty({ format: 'password', minLength: 12, maxLength: 256 })
  @IsAcceptablePassword()
  newPassword: string;
}

export class ResetPasswordDto {
  @ApiProperty({ format: 'password', minLength: 12, maxLength: 256 })
  @IsAcceptablePassword()
  newPassword: string;
}

export class CreateApiTokenDto {
  @ApiProperty({ example: 'CRM integration', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'No expiry when omitted' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  expiresAt?: Date;

  @ApiPropertyOptional({ default: false, description: 'Refuse every write made with this token' })
  @IsOptional()
  @IsBoolean()
  readOnly?: boolean;
}

export class ApiTokenDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The first characters of the token', example: 'tsr_Ab3x' })
  prefix: string;
  @ApiProperty() readOnly: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastUsedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreatedApiTokenDto extends ApiTokenDto {
  @ApiProperty({ description: 'The token itself. Shown only in this response: store it now.' })
  token: string;
}

export class ApiTokenListDto {
  @ApiProperty({ type: [ApiTokenDto] }) items: ApiTokenDto[];
}
