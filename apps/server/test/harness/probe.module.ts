// Routes that exist only in tests, to exercise the request pipeline (validation, errors,
// metrics) through the real HTTP stack before feature modules provide such routes.
import { Body, Controller, Get, Module, Param, ParseIntPipe, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { Public } from '../../src/modules/permission/permission.decorators.js';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsString,
  Max,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

class ProbeAddressDto {
  @IsString()
  @MinLength(2)
  city: string;
}

class ProbeBodyDto {
  @IsEmail()
  email: string;

  @IsInt()
  @Min(1)
  @Max(10)
  quantity: number;

  @IsIn(['low', 'normal', 'high'])
  priority: string;

  @ValidateNested()
  @Type(() => ProbeAddressDto)
  address: ProbeAddressDto;
}

@Public()
@Controller('api/v1/test-probe')
class ProbeController {
  @Post()
  echo(@Body() body: ProbeBodyDto): ProbeBodyDto {
    return body;
  }

  @Get('items/:id')
  item(@Param('id', ParseIntPipe) id: number): { id: number } {
    return { id };
  }

  @Get('crash')
  crash(): never {
    throw new Error('database password is hunter2 at /srv/secret/path');
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
