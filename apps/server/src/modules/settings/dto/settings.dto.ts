import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { OptionalNotNull } from '../../../common/validation/optional-not-null.js';
import type { HelpDeskSettings } from '../settings.js';

const TICKET_HOOK = /^[A-Za-z0-9#:._-]+$/;

export class SettingsDto implements HelpDeskSettings {
  @ApiProperty({
    example: 'Ticket#',
    description: 'Marks ticket numbers in mail subjects: `Ticket#` gives `[Ticket#10042]`',
  })
  ticketHook: string;

  @ApiProperty({
    example: 7,
    description:
      'Resolved tickets close after this many days without activity; 0 never closes them',
  })
  autoCloseAfterDays: number;
}

export class UpdateSettingsDto implements Partial<HelpDeskSettings> {
  @ApiPropertyOptional({
    example: 'Ticket#',
    maxLength: 20,
    description: 'Letters, digits and `# : . _ -`; no spaces or brackets',
  })
  @OptionalNotNull()
  @IsString()
  @MaxLength(20)
  @Matches(TICKET_HOOK, { message: 'may hold only letters, digits and # : . _ -' })
  ticketHook?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 365, example: 7 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(365)
  autoCloseAfterDays?: number;
}
