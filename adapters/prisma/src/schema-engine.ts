// Prisma's schema engine (migrations, diff, push, introspection) as WebAssembly, driving the
// database through our adapter: Prisma 7's CLI only runs the native schema-engine binary, which it
// downloads on first use, so this is the route that works offline and on Tandem.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';

export type SchemaEngineHandle = SchemaEngine;

// The WebAssembly global, typed here: the project's lib settings (ES2022, no DOM) leave it undeclared.
interface WasmGlobal {
  instantiate(bytes: Uint8Array, imports: Record<string, unknown>): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const { WebAssembly } = globalThis as unknown as { WebAssembly: WasmGlobal };

let loading: Promise<void> | undefined;

/** The last panic message of the engine: the bindings report panics to this global registry. */
let lastPanic: string | undefined;
const registry = globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
registry.PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message(message: string) {
    lastPanic = message;
  },
};

/** The engine's last panic message, if it panicked (its error then only says "unreachable"). */
export function lastSchemaEnginePanic(): string | undefined {
  return lastPanic;
}

/** Instantiates the engine's wasm module once per process (the bindings hold it in module state). */
function loadWasm(): Promise<void> {
  loading ??= (async () => {
    // The package's own entry imports the .wasm as an ES module, which Node cannot; load it by hand.
    const bindingsFile = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(join(dirname(bindingsFile), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loading;
}

export interface SchemaEngineOptions {
  /** The adapter factory the engine connects through (PrismaTandem). */
  adapter: SqlMigrationAwareDriverAdapterFactory;
  /** Prisma schema files as [path, content]. */
  datamodels: [string, string][];
  /** Receives the engine's log lines (default: dropped). */
  log?: (line: string) => void;
}

/** A schema engine over the adapter's database. Call free() when done; dispose the adapter's pools yourself. */
export async function openSchemaEngine(options: SchemaEngineOptions): Promise<SchemaEngine> {
  await loadWasm();
  const log = options.log ?? (() => undefined);
  return bindings.SchemaEngine.new({ datamodels: options.datamodels }, log, bindMigrationAwareSqlAdapterFactory(options.adapter));
}
