// Minimal argument parsing shared by the CLIs: --engine sqlite|tandem, --flag value, and paths.

import type { EngineName } from '../driver.js';

export interface CliArgs {
  engine: EngineName;
  paths: string[];
  options: Map<string, string>;
}

export function parseArgs(argv: readonly string[], valued: readonly string[] = []): CliArgs {
  let engine: EngineName = 'sqlite';
  const paths: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--engine') {
      const value = argv[++i];
      if (value !== 'sqlite' && value !== 'tandem') throw new Error(`--engine must be sqlite or tandem, got ${value ?? '(nothing)'}`);
      engine = value;
    } else if (valued.includes(arg)) {
      options.set(arg, argv[++i] ?? '');
    } else if (arg.startsWith('--')) {
      options.set(arg, 'true');
    } else paths.push(arg);
  }
  return { engine, paths, options };
}
