// The JSON subtype of function arguments and results: text a JSON function returns is JSON, so
// json_array(json('[1]')) embeds [1] where json_array('[1]') embeds the string "[1]". Registers
// carry the subtype (vm/subtype.ts); these helpers read and set it for one call.

import type { SqlValue } from '../../common/values.js';
import { JSON_SUBTYPE, type SubtypeCall } from '../../vm/subtype.js';

/** Whether argument i of the call has the JSON subtype. */
export function isJsonArg(call: SubtypeCall | undefined, i: number): boolean {
  return call !== undefined && call.args[i] === JSON_SUBTYPE;
}

/** Returns `value` as the call's result with the JSON subtype (NULL has none). */
export function jsonResult<T extends SqlValue>(call: SubtypeCall | undefined, value: T): T {
  if (call && value !== null) call.result = JSON_SUBTYPE;
  return value;
}
