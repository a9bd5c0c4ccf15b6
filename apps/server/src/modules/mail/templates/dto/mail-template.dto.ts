import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAIL_TEMPLATE_KEYS, type MailTemplateKey } from '@tessera/mail';
import { IsString, Matches, MaxLength } from 'class-validator';
import { OptionalNotNull } from '../../../../common/validation/optional-not-null.js';

export const MAX_SUBJECT_SOURCE_LENGTH = 1_000;
export const MAX_TEXT_SOURCE_LENGTH = 20_000;
export const MAX_HTML_SOURCE_LENGTH = 100_000;

const SYNTAX =
  'Handlebars: `{{variable}}`, `{{#if variable}}…{{else}}…{{/if}}`, `{{#unless variable}}`; ' +
  'no other helpers, no partials.';

export class MailTemplateVariableDto {
  @ApiProperty({ example: 'ticketNumber' }) name: string;
  @ApiProperty({ example: 'The ticket number, e.g. 10042' }) description: string;
}

export class MailTemplateDto {
  @ApiProperty({ enum: MAIL_TEMPLATE_KEYS }) key: MailTemplateKey;
  @ApiProperty({ example: 'Acknowledgement' }) name: string;
  @ApiProperty({ description: 'When the mail is sent and to whom' }) description: string;
  @ApiProperty({
    type: [MailTemplateVariableDto],
    description: 'Everything the template may use; any other name is refused',
  })
  variables: MailTemplateVariableDto[];
  @ApiProperty({
    example: 'We received your request: {{subject}}',
    description: `The subject, rendered to one line; the ticket tag is added when sent. ${SYNTAX}`,
  })
  subject: string;
  @ApiProperty({ description: 'The plain-text part; variables are not escaped' }) text: string;
  @ApiProperty({
    description:
      'The HTML part; variables are HTML-escaped. A fragment is mailed inside a complete ' +
      'document; a complete document (`<!DOCTYPE html>`) as it is',
  })
  html: string;
  @ApiProperty({
    description:
      "True: subject, text and html are an admin's version; false: Tessera's default (which " +
      'DELETE returns to)',
  })
  customized: boolean;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: "When the admin's version was saved; null for the default",
  })
  updatedAt: string | null;
}

export class MailTemplateListDto {
  @ApiProperty({
    type: [MailTemplateDto],
    description: 'Always every template, in a fixed order',
  })
  items: MailTemplateDto[];
}

export class UpdateMailTemplateDto {
  @ApiProperty({ maxLength: MAX_SUBJECT_SOURCE_LENGTH, description: SYNTAX })
  @IsString()
  @MaxLength(MAX_SUBJECT_SOURCE_LENGTH)
  @Matches(/\S/, { message: 'must not be blank' })
  subject: string;

  @ApiProperty({ maxLength: MAX_TEXT_SOURCE_LENGTH })
  @IsString()
  @MaxLength(MAX_TEXT_SOURCE_LENGTH)
  @Matches(/\S/, { message: 'must not be blank' })
  text: string;

  @ApiProperty({ maxLength: MAX_HTML_SOURCE_LENGTH })
  @IsString()
  @MaxLength(MAX_HTML_SOURCE_LENGTH)
  @Matches(/\S/, { message: 'must not be blank' })
  html: string;
}

export class PreviewMailTemplateDto {
  @ApiPropertyOptional({
    maxLength: MAX_SUBJECT_SOURCE_LENGTH,
    description: 'A draft of the subject; left out: the stored one',
  })
  @OptionalNotNull()
  @IsString()
  @MaxLength(MAX_SUBJECT_SOURCE_LENGTH)
  subject?: string;

  @ApiPropertyOptional({
    maxLength: MAX_TEXT_SOURCE_LENGTH,
    description: 'A draft of the text part; left out: the stored one',
  })
  @OptionalNotNull()
  @IsString()
  @MaxLength(MAX_TEXT_SOURCE_LENGTH)
  text?: string;

  @ApiPropertyOptional({
    maxLength: MAX_HTML_SOURCE_LENGTH,
    description: 'A draft of the HTML part; left out: the stored one',
  })
  @OptionalNotNull()
  @IsString()
  @MaxLength(MAX_HTML_SOURCE_LENGTH)
  html?: string;

  @ApiPropertyOptional({
    example: '10042',
    maxLength: 64,
    description:
      "Render with this ticket's values (its id, or its number: `10042` or `#10042`) instead " +
      'of sample values',
  })
  @OptionalNotNull()
  @IsString()
  @MaxLength(64)
  ticketId?: string;
}

export class MailPreviewDto {
  @ApiProperty({
    example: 'We received your request: Printer jammed [Ticket#10042]',
    description: 'One line, tagged with the ticket as it would be sent',
  })
  subject: string;
  @ApiProperty() text: string;
  @ApiProperty({ description: 'The complete HTML document, as it would be mailed' })
  html: string;
}
