// The JSON subtype, approximated. SQLite tags values produced by JSON functions with subtype 74 so
// that json_array(json('[1]')) embeds [1] instead of the string "[1]". Tandem's VM registers carry
// no subtype yet, so JSON results are remembered by value for the current synchronous run of the
// engine (cleared on the next microtask). A TEXT argument equal to a JSON result produced in the
// same run counts as JSON. Needed from the VM: a subtype bit per register (see the report).

const recent = new Set<string>();
let clearScheduled = false;

/** Marks `text` as a JSON-subtyped result and returns it. */
export function markJson(text: string): string {
  recent.add(text);
  if (!clearScheduled) {
    clearScheduled = true;
    queueMicrotask(() => {
      recent.clear();
      clearScheduled = false;
    });
  }
  return text;
}

export function hasJsonSubtype(value: unknown): boolean {
  return typeof value === 'string' && recent.has(value);
}
