/**
 * `charter/server`: the registry as a library.
 *
 * @example
 * const server = await startServer(loadServerConfig({ memory: true, port: '0' }));
 * console.log(server.url); // http://localhost:41234
 * await server.close();
 */
export { buildApp, type AppOptions, type CharterApp } from './app.js';
export { loadServerConfig, settings as serverSettings, defaultDataDir, type ServerConfig } from './config.js';
export { startServer, type RunningServer } from './start-server.js';
export { openStore, migrate, redactUrl, type StoreOptions, type SqlDriver, type SqlExecutor } from './storage/index.js';
export { buildOpenApiDocument } from './openapi/document.js';
export type { StoredVersion, SchemaReference, VersionMetadata, RegistryMode } from './registry/model.js';
export type { SubjectConfig } from './registry/settings.js';
