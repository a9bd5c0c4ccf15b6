import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { ROLES, type Role } from '@tessera/domain';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page.js';
import { IsAcceptablePassword } from '../../../common/validation/is-acceptable-password.js';
import { OptionalNotNull } from '../../../common/validation/optional-not-null.js';
import { UpdateMeDto } from '../../auth/dto/me.dto.js';
import { IsEmailAddress } from '../email-address.validator.js';

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ada@example.com', description: 'Lower case' }) email: string;
  @ApiProperty({ example: 'Ada Lovelace' }) name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ description: 'Deactivated users cannot sign in and their tokens stop working' })
  active: boolean;
  @ApiProperty({ example: 'en' }) locale: string;
  @ApiProperty({ example: 'Europe/Zurich' }) timezone: string;
  @ApiProperty({
    description:
      'Agents and admins: mail them when a ticket is assigned to them by someone else, or its ' +
      'customer replies on a ticket assigned to them',
  })
  mailNotifications: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Customers only' })
  organizationId: string | null;
  @ApiProperty({ description: 'The user has a password and can sign in with it' })
  hasPassword: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastLoginAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Null on the last page' })
  nextCursor: string | null;
}

/** Query strings carry text; `active=true` / `active=false` become booleans, anything else fails. */
const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({
    description: 'Case-insensitive prefix of the email or the name',
    maxLength: 254,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(254)
  q?: string;
}

// Locale and time zone are validated exactly as on PATCH /api/v1/me.
export class CreateUserDto extends PickType(UpdateMeDto, ['locale', 'timezone'] as const) {
  @ApiProperty({ example: 'ada@example.com', maxLength: 254, description: 'Stored lower case' })
  @IsEmailAddress()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Ada Lovelace', maxLength: 200 })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({
    format: 'password',
    minLength: 12,
    maxLength: 256,
    description: 'Without one the user cannot sign in until an admin sets it',
  })
  @OptionalNotNull()
  @IsAcceptablePassword()
  password?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'Customers only. When omitted, a customer joins the organisation owning the domain of ' +
      'their email, if any; null means no organisation.',
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;
}

// Name, locale and time zone are validated exactly as on PATCH /api/v1/me. Fields that cannot be
// empty refuse null here; organizationId takes null to remove the organisation.
export class UpdateUserDto extends UpdateMeDto {
  @ApiPropertyOptional({ example: 'ada@example.com', maxLength: 254 })
  @OptionalNotNull()
  @IsEmailAddress()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @OptionalNotNull()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({
    description: 'false signs the user out everywhere at once; their API tokens stop working',
  })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Customers only; null removes the user from their organisation',
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;
}
