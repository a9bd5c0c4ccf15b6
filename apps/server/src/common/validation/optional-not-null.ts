import { ValidateIf } from 'class-validator';

/**
 * The field may be left out, but when given it is validated: unlike @IsOptional(), `null` is
 * refused (with the field's own message) instead of reaching a NOT NULL column.
 */
export const OptionalNotNull = () => ValidateIf((_object, value: unknown) => value !== undefined);
