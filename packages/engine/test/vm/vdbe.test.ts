// The VM on hand-built programs with a fake host: register opcodes, the resumable sorter,
// Transaction returning Busy without side effects, and statement rollback on errors.

import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/common/values.js';
import { StepResult } from '../../src/engine/prepared.js';
import { ProgramBuilder } from '../../src/compiler/builder.js';
import type { VmHost } from '../../src/vm/host.js';
import '../../src/vm/ops/index.js';
import { Opcode } from '../../src/vm/program.js';
import { Vdbe } from '../../src/vm/vdbe.js';
import { binaryCollation } from '../../src/values/collation.js';

class FakeHost implements VmHost {
  log: string[] = [];
  busyTimes = 0;
  schemaGeneration = 1;
  lastInsertRowid = 0n;
  changes = 0;
  totalChanges = 0;
  interrupted = false;
  beginTransaction(write: boolean): boolean {
    if (this.busyTimes > 0) {
      this.busyTimes--;
      this.log.push('busy');
      return false;
    }
    this.log.push(`begin ${write ? 'write' : 'read'}`);
    return true;
  }
  statementSavepoint(): number {
    this.log.push('savepoint');
    return 1;
  }
  endStatementSavepoint(depth: number, success: boolean): void {
    this.log.push(success ? `release ${depth}` : `rollback ${depth}`);
  }
  statementFinished(success: boolean): void {
    this.log.push(`finished ${success}`);
  }
  openCursor(): never {
    throw new Error('no storage');
  }
  createTree(): number {
    return 2;
  }
  dropTree(): void {}
  clearTree(): void {}
  readHeaderField(): number {
    return 0;
  }
  writeHeaderField(): void {}
  reloadSchema(): void {}
  setAutocommit(): void {}
  countChange(): void {}
  setLastInsertRowid(): void {}
  call(): SqlValue {
    return null;
  }
}

function run(vm: Vdbe, deadline?: () => number): { rows: SqlValue[][]; yields: number } {
  const rows: SqlValue[][] = [];
  let yields = 0;
  for (;;) {
    const r = vm.step(deadline ? deadline() : undefined);
    if (r === StepResult.Row) rows.push(vm.resultRow);
    else if (r === StepResult.Yield) yields++;
    else if (r === StepResult.Done) return { rows, yields };
    else throw new Error(`unexpected ${r}`);
  }
}

describe('Vdbe', () => {
  it('evaluates register programs and loops', () => {
    const b = new ProgramBuilder();
    const counter = b.register();
    const square = b.register();
    b.emit(Opcode.Value, 0, counter, 0, 3n);
    const top = b.here;
    b.emit(Opcode.Multiply, counter, counter, square);
    b.emit(Opcode.ResultRow, counter, 2);
    b.emit(Opcode.DecrJumpZero, counter, b.here + 2);
    b.emit(Opcode.Goto, 0, top);
    b.emit(Opcode.Halt);
    const vm = new Vdbe(b.finish([], [], 1), new FakeHost());
    expect(run(vm).rows).toEqual([[3n, 9n], [2n, 4n], [1n, 1n]]);
  });

  it('sorts a large sorter in bounded slices, yielding in between', () => {
    const b = new ProgramBuilder();
    const sorter = b.cursor();
    const value = b.register();
    const n = b.register();
    b.emit(Opcode.SorterOpen, sorter, 0, 0, { collations: [binaryCollation], descending: [false] });
    b.emit(Opcode.Value, 0, n, 0, 50000n);
    const fill = b.here;
    b.emit(Opcode.Function, n, 1, value, { name: 'scramble', invoke: ([x]: SqlValue[]) => ((x as bigint) * 7919n) % 50021n });
    b.emit(Opcode.SorterInsert, sorter, value, 1);
    b.emit(Opcode.DecrJumpZero, n, b.here + 2);
    b.emit(Opcode.Goto, 0, fill);
    const done = b.label();
    b.emit(Opcode.SorterSort, sorter, done);
    const top = b.here;
    b.emit(Opcode.Column, sorter, 0, value);
    b.emit(Opcode.ResultRow, value, 1);
    b.emit(Opcode.SorterNext, sorter, top);
    b.place(done);
    b.emit(Opcode.Halt);
    const vm = new Vdbe(b.finish([], [], 1), new FakeHost());
    const { rows, yields } = run(vm, () => performance.now() - 1);
    const values = rows.map((r) => r[0] as bigint);
    expect(values.length).toBe(50000);
    for (let i = 1; i < values.length; i++) expect(values[i - 1]! <= values[i]!).toBe(true);
    expect(yields).toBeGreaterThan(50000 / 64);
  });

  it('Transaction returns Busy without side effects and retries the same opcode', () => {
    const b = new ProgramBuilder();
    const r = b.register();
    b.emit(Opcode.Transaction, 1);
    b.emit(Opcode.Value, 0, r, 0, 'after');
    b.emit(Opcode.ResultRow, r, 1);
    b.emit(Opcode.Halt);
    const host = new FakeHost();
    host.busyTimes = 2;
    const vm = new Vdbe(b.finish([], [], 1), host);
    expect(vm.step()).toBe(StepResult.Busy);
    expect(vm.step()).toBe(StepResult.Busy);
    expect(vm.step()).toBe(StepResult.Row);
    expect(vm.resultRow).toEqual(['after']);
    expect(vm.step()).toBe(StepResult.Done);
    expect(host.log).toEqual(['busy', 'busy', 'begin write', 'savepoint', 'release 1', 'finished true']);
  });

  it('an error rolls back the statement savepoint and rethrows', () => {
    const b = new ProgramBuilder();
    b.emit(Opcode.Transaction, 1);
    b.emit(Opcode.HaltWithError, 0, 0, 0, { message: 'NOT NULL constraint failed: t.a', code: 'SQLITE_CONSTRAINT_NOTNULL' });
    b.emit(Opcode.Halt);
    const host = new FakeHost();
    const vm = new Vdbe(b.finish([], [], 1), host);
    expect(() => vm.step()).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_NOTNULL', message: 'NOT NULL constraint failed: t.a' }));
    expect(host.log).toEqual(['begin write', 'savepoint', 'rollback 1', 'finished false']);
  });

  it('a stale schema generation raises SQLITE_SCHEMA before anything runs', () => {
    const b = new ProgramBuilder();
    b.emit(Opcode.Transaction, 0);
    b.emit(Opcode.Halt);
    const host = new FakeHost();
    host.schemaGeneration = 2;
    const vm = new Vdbe(b.finish([], [], 1), host);
    expect(() => vm.step()).toThrow(expect.objectContaining({ code: 'SQLITE_SCHEMA' }));
  });
});
