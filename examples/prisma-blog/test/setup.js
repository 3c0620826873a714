// vitest globalSetup: the Prisma client the server imports.
import { generate } from '../generate.js';

export default function setup() {
  generate();
}
