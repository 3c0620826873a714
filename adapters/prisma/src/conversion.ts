// Values across the Prisma/Tandem boundary, as Prisma's own SQLite adapters convert them: argument
// values by the client's declared argument type, result column types from each column's declared
// type (inferred from the values when a column has none), and result values fixed up per column type.

import { ColumnTypeEnum, type ArgType, type ColumnType } from '@prisma/driver-adapter-utils';

/** How DateTime arguments are stored: ISO-8601 text (Prisma's default) or Unix milliseconds. */
export type TimestampFormat = 'iso8601' | 'unixepoch-ms';

const DECLARED_TYPES: Record<string, ColumnType> = {
  DECIMAL: ColumnTypeEnum.Numeric,
  FLOAT: ColumnTypeEnum.Float,
  DOUBLE: ColumnTypeEnum.Double,
  'DOUBLE PRECISION': ColumnTypeEnum.Double,
  NUMERIC: ColumnTypeEnum.Double,
  REAL: ColumnTypeEnum.Double,
  TINYINT: ColumnTypeEnum.Int32,
  SMALLINT: ColumnTypeEnum.Int32,
  MEDIUMINT: ColumnTypeEnum.Int32,
  INT: ColumnTypeEnum.Int32,
  INTEGER: ColumnTypeEnum.Int32,
  SERIAL: ColumnTypeEnum.Int32,
  INT2: ColumnTypeEnum.Int32,
  BIGINT: ColumnTypeEnum.Int64,
  'UNSIGNED BIG INT': ColumnTypeEnum.Int64,
  INT8: ColumnTypeEnum.Int64,
  DATETIME: ColumnTypeEnum.DateTime,
  TIMESTAMP: ColumnTypeEnum.DateTime,
  TIME: ColumnTypeEnum.Time,
  DATE: ColumnTypeEnum.Date,
  TEXT: ColumnTypeEnum.Text,
  CLOB: ColumnTypeEnum.Text,
  CHARACTER: ColumnTypeEnum.Text,
  VARCHAR: ColumnTypeEnum.Text,
  'VARYING CHARACTER': ColumnTypeEnum.Text,
  NCHAR: ColumnTypeEnum.Text,
  'NATIVE CHARACTER': ColumnTypeEnum.Text,
  NVARCHAR: ColumnTypeEnum.Text,
  BLOB: ColumnTypeEnum.Bytes,
  BOOLEAN: ColumnTypeEnum.Boolean,
  // Prisma's SQLite migrations declare Json fields as JSONB.
  JSONB: ColumnTypeEnum.Json,
};

/** The column type of a declared type name, or undefined when it has none Prisma knows. */
function declaredColumnType(declared: string | null): ColumnType | undefined {
  return declared === null ? undefined : DECLARED_TYPES[declared.toUpperCase()];
}

function valueColumnType(value: unknown): ColumnType {
  if (typeof value === 'string') return ColumnTypeEnum.Text;
  if (typeof value === 'bigint') return ColumnTypeEnum.Int64;
  if (typeof value === 'boolean') return ColumnTypeEnum.Boolean;
  if (typeof value === 'number') return ColumnTypeEnum.UnknownNumber;
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return ColumnTypeEnum.Bytes;
  throw new TypeError(`unexpected value of type ${typeof value}: ${String(value)}`);
}

/**
 * Each result column's type: from its declared type, else from its first non-null value, else Int32
 * (a column of nulls only, as Prisma's adapters report it).
 */
export function resultColumnTypes(declaredTypes: (string | null)[], rows: unknown[][]): ColumnType[] {
  return declaredTypes.map((declared, column) => {
    const fromDeclaration = declaredColumnType(declared);
    if (fromDeclaration !== undefined) return fromDeclaration;
    const sample = rows.find((row) => row[column] !== null)?.[column];
    return sample === undefined ? ColumnTypeEnum.Int32 : valueColumnType(sample);
  });
}

/** A result row as Prisma expects it; values were read with safe integers on (bigint). */
export function resultRow(row: unknown[], columnTypes: ColumnType[]): unknown[] {
  return row.map((value, column) => {
    const type = columnTypes[column];
    const integerColumn = type === ColumnTypeEnum.Int32 || type === ColumnTypeEnum.Int64;
    // A REAL stored in an INTEGER-declared column: Prisma expects an integer.
    if (typeof value === 'number' && integerColumn && !Number.isInteger(value)) return Math.trunc(value);
    // Unix milliseconds in a DATETIME column (timestampFormat 'unixepoch-ms').
    if ((typeof value === 'number' || typeof value === 'bigint') && type === ColumnTypeEnum.DateTime) return new Date(Number(value)).toISOString();
    if (typeof value === 'bigint') {
      const asNumber = Number(value);
      return Number.isSafeInteger(asNumber) ? asNumber : value.toString();
    }
    return value;
  });
}

/** One argument as the engine binds it. */
export function bindValue(value: unknown, type: ArgType | undefined, timestampFormat: TimestampFormat): unknown {
  if (value === null) return null;
  const scalar = type?.scalarType;
  if (typeof value === 'string') {
    switch (scalar) {
      case 'int':
        return Number.parseInt(value);
      case 'float':
      case 'decimal':
        return Number.parseFloat(value);
      case 'bigint':
        return BigInt(value);
      case 'datetime':
        return bindDate(new Date(value), timestampFormat);
      case 'bytes':
        return Buffer.from(value, 'base64');
      default:
        return value;
    }
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return bindDate(value, timestampFormat);
  return value;
}

function bindDate(date: Date, format: TimestampFormat): string | number {
  if (format === 'unixepoch-ms') return date.getTime();
  return date.toISOString().replace('Z', '+00:00');
}
