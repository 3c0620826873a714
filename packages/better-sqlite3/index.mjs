// ES module entry of @tandem/better-sqlite3: `import Database from '@tandem/better-sqlite3'`, as with better-sqlite3.
import { Database, SqliteError } from '@tandem/engine';

export default Database;
export { SqliteError };
