import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsFQDN,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page.js';

/** Enough for a company's brands and country domains; a longer list is a mistake. */
export const MAX_DOMAINS = 100;

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Acme Corp' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: 'enterprise' }) tier: string | null;
  @ApiProperty({ description: "Members may see each other's tickets" }) shareTickets: boolean;
  @ApiProperty({
    type: [String],
    example: ['acme.com'],
    description: 'Lower case, sorted; new customers with an address at one of them join',
  })
  domains: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class OrganizationPageDto {
  @ApiProperty({ type: [OrganizationDto] }) items: OrganizationDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Null on the last page' })
  nextCursor: string | null;
}

export class OrganizationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive prefix of the name', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;
}

export class CreateOrganizationDto {
  @ApiProperty({ example: 'Acme Corp', maxLength: 200, description: 'Unique, ignoring case' })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 50, example: 'enterprise' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  tier?: string | null;

  @ApiPropertyOptional({ default: false, description: "Members may see each other's tickets" })
  @IsOptional()
  @IsBoolean()
  shareTickets?: boolean;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', format: 'hostname', maxLength: 253 },
    maxItems: MAX_DOMAINS,
    example: ['acme.com'],
    description: 'Email domains, each owned by one organisation; stored lower case',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_DOMAINS)
  @IsString({ each: true })
  @MaxLength(253, { each: true })
  @IsFQDN({}, { each: true, message: 'each value in domains must be a domain such as acme.com' })
  domains?: string[];
}

/** Every field optional; `domains` replaces the whole set (`[]` removes them all). */
export class UpdateOrganizationDto extends PartialType(CreateOrganizationDto) {}
