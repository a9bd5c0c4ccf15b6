import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@tessera/domain';

export class FollowerDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'date-time' }) since: string;
}

export class FollowerListDto {
  @ApiProperty({ type: [FollowerDto] }) items: FollowerDto[];
}
