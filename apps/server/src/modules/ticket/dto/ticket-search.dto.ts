import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page.js';
import { TicketDto } from './ticket.dto.js';

export class TicketSearchQueryDto extends PageQueryDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 500,
    example: 'state:open,pending queue:billing printer "paper jam" -toner',
    description:
      'Whole words (`print*` for the words starting with `print`), `"exact phrases"` and ' +
      '`-excluded` words, ' +
      'searched in the subject, the requester and public messages (never internal notes). ' +
      'Filters: `state:` and `priority:` (comma-separated), `queue:` (a slug), `tag:`, ' +
      '`assignee:` (`me`, `none` or an email), `requester:` (an email), `number:10042` or ' +
      '`#10042`. Customers may not filter by `tag:` or `assignee:`.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  q: string;
}

export class TicketSearchHitDto {
  @ApiProperty({ type: TicketDto }) ticket: TicketDto;
  @ApiProperty({
    example: 0.6,
    description: 'Relevance (higher is better; 0 when `q` has no words); rounded to 6 decimals',
  })
  rank: number;
  @ApiProperty({
    example: 'The <mark>printer</mark> is on fire',
    description: 'The subject as HTML: escaped, with the matching words in `<mark>`',
  })
  headline: string;
}

export class TicketSearchPageDto {
  @ApiProperty({ type: [TicketSearchHitDto] }) items: TicketSearchHitDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
