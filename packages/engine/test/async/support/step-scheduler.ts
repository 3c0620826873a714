// A deterministic scheduler for async connections: each connection opened with `yieldSlice:
// scheduler.yieldFor(name)` parks at every slice boundary until the test lets it run one more slice,
// so a test decides exactly how the connections' statements interleave.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One turn of the event loop (lets queued promise chains settle). */
export function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class StepScheduler {
  private readonly parked = new Map<string, (() => void)[]>();
  /** Slices each connection has been allowed to run. */
  readonly slices = new Map<string, number>();

  /** The yieldSlice option for connection `name`. */
  yieldFor(name: string): () => Promise<void> {
    return () => new Promise<void>((resolve) => this.list(name).push(resolve));
  }

  isParked(name: string): boolean {
    return this.list(name).length > 0;
  }

  /** Waits (a bounded number of event-loop turns) until `name` is parked at a slice boundary. */
  async untilParked(name: string): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      if (this.isParked(name)) return;
      await tick();
    }
    throw new Error(`${name} never reached a slice boundary`);
  }

  /** Lets `name` run one slice, then waits until it parks again or `call` settles. */
  async slice(name: string, call: Promise<unknown>): Promise<void> {
    const resume = this.list(name).shift();
    if (!resume) throw new Error(`${name} is not parked`);
    this.slices.set(name, (this.slices.get(name) ?? 0) + 1);
    let settled = false;
    void call.then(
      () => (settled = true),
      () => (settled = true),
    );
    resume();
    for (let i = 0; i < 1000 && !settled && !this.isParked(name); i++) await tick();
  }

  /** Lets `name` run slice after slice until `call` settles; returns its outcome. */
  async runToEnd<T>(name: string, call: Promise<T>): Promise<T> {
    let settled = false;
    void call.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let i = 0; i < 100000 && !settled; i++) {
      if (this.isParked(name)) await this.slice(name, call);
      else await tick();
    }
    return call;
  }

  private list(name: string): (() => void)[] {
    let list = this.parked.get(name);
    if (!list) this.parked.set(name, (list = []));
    return list;
  }
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function temporaryDirectory(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-async-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
