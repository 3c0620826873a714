// Prints the compiled program of a statement (debug aid for the statement-path work, not a test).
// Run: ../../node_modules/.bin/esbuild test/perf/dump-program.ts --bundle --platform=node --format=cjs --outfile=/tmp/dump.cjs && node /tmp/dump.cjs "SETUP SQL;" "SQL"
import { openConnection } from '../../src/internal.js';

const [setup, sql] = process.argv.slice(2);
const connection = openConnection(':memory:') as unknown as {
  exec(sql: string): void;
  prepare(sql: string): { statement: { program: { instructions: { op: number; p1: number; p2: number; p3: number; p4: unknown; p5: number }[] } } };
};
connection.exec(setup!);
const statement = connection.prepare(sql!).statement;
statement.program.instructions.forEach((ins, i) => {
  const p4 = typeof ins.p4 === 'bigint' ? `${ins.p4}n` : ins.p4 && typeof ins.p4 === 'object' ? (ins.p4 as { name?: string }).name ?? 'obj' : String(ins.p4);
  console.log(`${i}\top=${ins.op}\t${ins.p1}\t${ins.p2}\t${ins.p3}\t${p4}\t${ins.p5}`);
});
