/**
 * Which struct fields Go's `encoding/json` leaves out, for values held as JSON (kube-inject's
 * decode, template output) or as the Go values templates see (integers as bigints, structs as
 * objects): one rule for every caller.
 *
 * - `omitempty` (`isEmptyValue`): false, 0, "", a nil pointer or interface, an empty map, slice or
 *   array. A struct is never empty, and neither are the struct types with their own JSON
 *   (Quantity, IntOrString, Time, RawExtension): a zero Time still prints `null`.
 * - `omitzero`: the type's zero value (a Time's `IsZero()`: `null` here).
 */
import { goStruct, type GoField, type GoType } from './go-schema.js';

/** Go's `isEmptyValue` for a value of `type` (`undefined`: absent, taken as nil / zero). */
export function isEmptyValue(type: GoType, value: unknown): boolean {
  switch (type.kind) {
    case 'string':
    case 'bool':
    case 'int':
    case 'float':
      return value === undefined || value === '' || value === false || value === 0 || value === 0n;
    case 'ptr':
      return value === null || value === undefined;
    case 'slice':
    case 'bytes': // []byte: JSON holds it as a base64 string
      return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    case 'map':
      return value === null || value === undefined || (typeof value === 'object' && Object.keys(value).length === 0);
    default:
      return false;
  }
}

/** The zero value of `type` (what `omitzero` drops). */
export function isZeroValue(type: GoType, value: unknown): boolean {
  if (value === undefined) return true;
  switch (type.kind) {
    case 'string':
    case 'bool':
    case 'int':
    case 'float':
      return isEmptyValue(type, value);
    case 'Quantity':
      return value === '0' || value === 0 || value === 0n;
    case 'IntOrString':
      return value === 0 || value === 0n;
    case 'struct':
      return typeof value === 'object' && value !== null && goStruct(type.name).fields.every((f) => isZeroValue(f.type, (value as Record<string, unknown>)[f.json]));
    default: // pointers, slices, maps, bytes, Time, raw JSON: nil
      return value === null;
  }
}

/** Whether `json.Marshal` leaves `field` out when it holds `value`. */
export function omitsField(field: GoField, value: unknown): boolean {
  return (field.omitempty && isEmptyValue(field.type, value)) || (field.omitzero && isZeroValue(field.type, value));
}
