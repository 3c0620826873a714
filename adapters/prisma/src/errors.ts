// Engine errors as Prisma's MappedError kinds (P2002, P2003, P2011, P2021, P2022, P1008 …), read from
// SQLite's extended code first and its message text second, as Prisma's SQLite adapters read them.

import { DriverAdapterError, type Error as AdapterErrorPayload, type MappedError } from '@prisma/driver-adapter-utils';
import { ResultCode } from '@tandem/engine';

const SQLITE_BUSY = ResultCode.SQLITE_BUSY;

/** "UNIQUE constraint failed: User.email, User.name" → ['User.email', 'User.name']. */
function constrainedColumns(message: string): string[] | undefined {
  const list = message.split('constraint failed: ')[1];
  return list === undefined ? undefined : list.split(', ');
}

const columnName = (qualified: string): string => qualified.split('.').pop()!;

export function mapError(code: string, message: string): MappedError {
  switch (code) {
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY': {
      const columns = constrainedColumns(message);
      const table = columns?.[0]?.split('.').slice(0, -1).join('.') || undefined;
      return { kind: 'UniqueConstraintViolation', ...(columns ? { constraint: { fields: columns.map(columnName) } } : {}), table };
    }
    case 'SQLITE_CONSTRAINT_NOTNULL': {
      const columns = constrainedColumns(message);
      return { kind: 'NullConstraintViolation', ...(columns ? { constraint: { fields: columns.map(columnName) } } : {}) };
    }
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
    case 'SQLITE_CONSTRAINT_TRIGGER':
      return { kind: 'ForeignKeyConstraintViolation', constraint: { foreignKey: {} } };
  }
  const extendedCode = (ResultCode as Record<string, number>)[code] ?? ResultCode.SQLITE_ERROR;
  if ((extendedCode & 0xff) === SQLITE_BUSY) return { kind: 'SocketTimeout' };
  if (message.startsWith('no such table')) return { kind: 'TableDoesNotExist', table: message.split(': ')[1] };
  if (message.startsWith('no such column')) return { kind: 'ColumnNotFound', column: message.split(': ')[1] };
  if (message.includes('has no column named ')) return { kind: 'ColumnNotFound', column: message.split('has no column named ')[1] };
  return { kind: 'sqlite', extendedCode, message };
}

/** The error a driver call rejects with: a DriverAdapterError for engine errors, anything else as it is. */
export function adapterError(error: unknown): unknown {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || typeof message !== 'string') return error;
  const payload: AdapterErrorPayload = { ...mapError(code, message), originalCode: code, originalMessage: message };
  return new DriverAdapterError(payload);
}
