import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page.js';
import { OptionalNotNull } from '../../../common/validation/optional-not-null.js';

export class TeamQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Only teams whose name starts with this text, in any case',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class CreateTeamDto {
  @ApiProperty({
    example: 'Billing specialists',
    maxLength: 100,
    description: 'Unique regardless of case',
  })
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'must not be blank' })
  name: string;

  @ApiPropertyOptional({ maxLength: 1000, default: '' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(1000)
  description?: string;
}

export class UpdateTeamDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'Unique regardless of case' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'must not be blank' })
  name?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(1000)
  description?: string;
}

export class TeamDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'How many agents and admins belong to the team' })
  memberCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class TeamMemberDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class TeamDetailDto extends TeamDto {
  @ApiProperty({ type: [TeamMemberDto], description: 'By name' }) members: TeamMemberDto[];
}

export class TeamPageDto {
  @ApiProperty({ type: [TeamDto] }) items: TeamDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
