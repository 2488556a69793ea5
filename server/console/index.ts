/**
 * `server/console`: serves the console built from `ui/` at `/ui`, and sends browsers there from `/`.
 *
 * @example
 * redirectBrowsersToConsole(app); // before authentication
 * app.register(consoleRoutes);
 */
export { consoleRoutes, redirectBrowsersToConsole } from './console-routes.js';
export { consoleBuildDir, loadConsoleFiles, type ConsoleFile } from './console-files.js';
