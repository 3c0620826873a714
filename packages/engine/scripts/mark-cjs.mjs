// Marks dist/cjs as CommonJS: the package is "type": "module", so without this nested package.json
// Node would load the CommonJS build's .js files as ES modules.
import { mkdirSync, writeFileSync } from 'node:fs';

mkdirSync('dist/cjs', { recursive: true });
writeFileSync('dist/cjs/package.json', JSON.stringify({ type: 'commonjs' }) + '\n');
