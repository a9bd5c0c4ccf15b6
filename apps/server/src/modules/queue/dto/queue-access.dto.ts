import { ApiProperty } from '@nestjs/swagger';
import { QUEUE_ACCESS_LEVELS, type QueueAccessLevel } from '@tessera/domain';
import { IsIn } from 'class-validator';
import { GRANTEE_TYPES, type GranteeType } from '../grantee.js';

export class SetQueueAccessDto {
  @ApiProperty({
    enum: QUEUE_ACCESS_LEVELS,
    description: '`reply` includes `view`; `manage` includes `reply`',
  })
  @IsIn(QUEUE_ACCESS_LEVELS)
  level: QueueAccessLevel;
}

export class QueueGrantDto {
  @ApiProperty({ enum: GRANTEE_TYPES, description: 'An agent, or a team of agents' })
  granteeType: GranteeType;
  @ApiProperty({ format: 'uuid', description: 'The user or team id' }) granteeId: string;
  @ApiProperty({ description: 'The name of the user or team' }) granteeName: string;
  @ApiProperty({ enum: QUEUE_ACCESS_LEVELS }) level: QueueAccessLevel;
  @ApiProperty({ format: 'date-time', description: 'When the grant was first given' })
  createdAt: string;
}

export class QueueGrantListDto {
  @ApiProperty({ type: [QueueGrantDto], description: 'Teams first, then agents; each by name' })
  items: QueueGrantDto[];
}
