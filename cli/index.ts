export { main, commands } from './main.js';
export { UsageError } from './usage-error.js';
