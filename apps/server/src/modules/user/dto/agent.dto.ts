import { ApiProperty } from '@nestjs/swagger';

/** What an agent needs to pick an assignee, and nothing more. */
export class AgentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Ada Lovelace' }) name: string;
  @ApiProperty({ example: 'ada@example.com' }) email: string;
}

export class AgentPageDto {
  @ApiProperty({ type: [AgentDto] }) items: AgentDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Null on the last page' })
  nextCursor: string | null;
}
