export { openStore, type StoreOptions } from './open-store.js';
export type { SqlDriver, SqlExecutor } from './sql-driver.js';
export { migrate, migrations } from './migrations.js';
export { redactUrl } from './postgres-driver.js';
