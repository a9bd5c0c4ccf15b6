import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { MAX_FILENAME_LENGTH } from '../attachment-filename.js';

export class UploadAttachmentQueryDto {
  @ApiProperty({
    example: 'report.pdf',
    maxLength: MAX_FILENAME_LENGTH,
    description:
      "The file's name. A path keeps its last segment only; control characters are removed.",
  })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(MAX_FILENAME_LENGTH)
  filename: string;
}

/** An attachment as a message lists it. */
export class AttachmentSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'report.pdf' }) filename: string;
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
  @ApiProperty({ example: 48213, description: 'In bytes' }) size: number;
  @ApiPropertyOptional({
    example: 'logo.png@01D9A7B2',
    nullable: true,
    type: String,
    description:
      'The Content-ID the mail gave the file (without angle brackets): the message HTML shows it ' +
      'where an image has `src="cid:<contentId>"`. Null for uploads.',
  })
  contentId?: string | null;
}

export class AttachmentDto extends AttachmentSummaryDto {
  @ApiProperty({ example: 'a3f1…', description: 'SHA-256 of the content, hex; also the ETag' })
  sha256: string;
}

export class AttachmentMetaDto extends AttachmentDto {
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The message it is attached to; null for an upload not attached yet',
  })
  messageId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
