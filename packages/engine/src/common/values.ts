// The one value representation shared by every layer (records, VM registers, functions, API).
//
//   null        -> NULL
//   bigint      -> INTEGER (always, whatever its magnitude: 64-bit signed range)
//   number      -> REAL (always, even when integral: 1.0 stays REAL)
//   string      -> TEXT (stored as UTF-8 on disk)
//   Uint8Array  -> BLOB
//
// Keeping INTEGER and REAL in distinct JS types makes typeof(), integer division, overflow and
// real-to-text rendering unambiguous. The API layer converts at the boundary (INTEGER -> number
// unless safeIntegers, BLOB -> Buffer).

export type SqlValue = null | bigint | number | string | Uint8Array;

/** SQLite's five storage classes in the order its comparison rules rank them. */
export const enum StorageClass {
  Null = 0,
  Integer = 1,
  Real = 2,
  Text = 3,
  Blob = 4,
}

export function storageClassOf(value: SqlValue): StorageClass {
  switch (typeof value) {
    case 'bigint':
      return StorageClass.Integer;
    case 'number':
      return StorageClass.Real;
    case 'string':
      return StorageClass.Text;
    case 'object':
      return value === null ? StorageClass.Null : StorageClass.Blob;
    default:
      throw new TypeError(`not an SQL value: ${String(value)}`);
  }
}

/** The name typeof() returns. */
export function typeName(value: SqlValue): 'null' | 'integer' | 'real' | 'text' | 'blob' {
  switch (storageClassOf(value)) {
    case StorageClass.Null:
      return 'null';
    case StorageClass.Integer:
      return 'integer';
    case StorageClass.Real:
      return 'real';
    case StorageClass.Text:
      return 'text';
    default:
      return 'blob';
  }
}

export const MAX_INT64 = 0x7fffffffffffffffn;
export const MIN_INT64 = -0x8000000000000000n;
