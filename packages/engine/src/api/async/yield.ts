// Gives the event loop a full turn between statement slices. setImmediate (Node, Bun, Deno) and
// MessageChannel (browsers, workers) run after pending timers and I/O without setTimeout(0)'s
// 1 ms+ clamp; setTimeout is the last resort for hosts with neither.

type Schedule = (callback: () => void) => void;

function pickScheduler(): Schedule {
  const host = globalThis as { setImmediate?: (callback: () => void) => unknown };
  if (typeof host.setImmediate === 'function') {
    const setImmediate = host.setImmediate;
    return (callback) => void setImmediate(callback);
  }
  if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    const queue: (() => void)[] = [];
    (channel.port1 as unknown as { onmessage: (() => void) | null }).onmessage = () => queue.shift()?.();
    return (callback) => {
      queue.push(callback);
      channel.port2.postMessage(null);
    };
  }
  return (callback) => void setTimeout(callback, 0);
}

const schedule = pickScheduler();

/** Resolves after the event loop has had a turn (timers, I/O, other connections' slices). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => schedule(resolve));
}
