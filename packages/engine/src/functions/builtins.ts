// The process-wide registry of built-in functions; connections layer their user functions on top.

import { registerCoreAggregates } from './core-aggregates.js';
import { registerCoreScalars } from './core-scalar.js';
import { registerLike } from './like.js';
import { FunctionRegistry } from './registry.js';
import { registerStringFunctions } from './string.js';
import { registerMathFunctions } from './math.js';
import { registerDateFunctions } from './date/functions.js';
import { registerJsonFunctions } from './json/functions.js';
import { registerJsonTableFunctions } from './json/json-each.js';
import { registerWindowFunctions } from './window.js';

let builtins: FunctionRegistry | null = null;

export function builtinFunctions(): FunctionRegistry {
  if (!builtins) {
    builtins = new FunctionRegistry();
    registerCoreScalars(builtins);
    registerCoreAggregates(builtins);
    registerLike(builtins);
    registerStringFunctions(builtins);
    registerMathFunctions(builtins);
    registerDateFunctions(builtins);
    registerJsonFunctions(builtins);
    registerJsonTableFunctions(builtins);
    registerWindowFunctions(builtins);
  }
  return builtins;
}
