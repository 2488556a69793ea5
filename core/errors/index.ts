export { errorCatalog, codeForErrorCode, type ErrorCode } from './catalog.js';
export { RegistryError, type ErrorBody } from './registry-error.js';
