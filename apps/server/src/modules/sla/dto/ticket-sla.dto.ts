import { ApiProperty } from '@nestjs/swagger';
import type { SlaStatus } from '@tessera/domain';

export const SLA_STATUSES = ['running', 'warning', 'breached', 'paused', 'met', 'stopped'] as const;

export class SlaPolicyRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

/** One target's clock on a ticket. */
export class SlaClockDto {
  @ApiProperty({
    enum: SLA_STATUSES,
    description:
      '`running`; `warning` (past the policy’s warning threshold); `breached` (missed its due ' +
      'time, met since or not); `paused` (waiting on the customer, or resolved); `met` (in ' +
      'time); `stopped` (closed or merged unmet)',
  })
  status: SlaStatus;

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the target is due; null while paused (it moves by the paused time)',
  })
  dueAt: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  breachedAt: string | null;
}

/** The SLA of a ticket: the policy that applies and a clock per target it sets. */
export class TicketSlaDto {
  @ApiProperty({ type: SlaPolicyRefDto, nullable: true }) policy: SlaPolicyRefDto | null;
  @ApiProperty({ type: SlaClockDto, nullable: true }) firstResponse: SlaClockDto | null;
  @ApiProperty({
    type: SlaClockDto,
    nullable: true,
    description: 'The latest: from a customer message after an agent reply to the next reply',
  })
  nextResponse: SlaClockDto | null;
  @ApiProperty({ type: SlaClockDto, nullable: true }) resolution: SlaClockDto | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'The soonest due time of the clocks still running (the `due` sort’s key)',
  })
  nextDueAt: string | null;
}
