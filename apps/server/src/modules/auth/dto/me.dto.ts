import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '@tessera/domain';
import { OptionalNotNull } from '../../../common/validation/optional-not-null.js';
import { IsBoolean, IsString, IsTimeZone, Matches, MaxLength, MinLength } from 'class-validator';

export class QueueAccessDto {
  @ApiProperty({ format: 'uuid' }) queueId: string;
  @ApiProperty({ enum: ['view', 'reply', 'manage'] }) level: string;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organizationId: string | null;
  @ApiProperty({ type: [QueueAccessDto], description: 'Effective access per queue (agents)' })
  queueAccess: QueueAccessDto[];
  @ApiProperty({ description: 'Authenticated with a read-only API token' }) readOnly: boolean;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'de-CH' })
  @OptionalNotNull()
  @Matches(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, {
    message: 'must be a language tag such as en or de-CH',
  })
  @MaxLength(35)
  locale?: string;

  @ApiPropertyOptional({ example: 'Europe/Zurich' })
  @OptionalNotNull()
  @IsTimeZone()
  @MaxLength(64)
  timezone?: string;

  @ApiPropertyOptional({
    description:
      'Agents and admins: false stops the mails about tickets assigned to them (assigned by ' +
      'someone else, the customer replied)',
  })
  @OptionalNotNull()
  @IsBoolean()
  mailNotifications?: boolean;
}
