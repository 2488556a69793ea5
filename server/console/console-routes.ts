import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RegistryError } from '../../core/errors/index.js';
import { consoleBuildDir, loadConsoleFiles, type ConsoleFile } from './console-files.js';

/**
 * The console's page may only talk to this registry: no CDN, no other origin, nothing inline.
 * (`style-src` allows CSSOM writes such as a virtual list's row offsets, which CSP does not police.)
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `GET /ui`, `/ui/{file}` and `/ui/assets/{file}`: the console built by `npm run build` (Vite,
 * `ui/`), served from memory. The console routes with the URL's hash, so a name that is not a built
 * file (outside `assets/`) answers the page itself. Files are read on the first request, so a server never pays for a console nobody opens.
 */
export async function consoleRoutes(app: FastifyInstance): Promise<void> {
  let files: Promise<Map<string, ConsoleFile> | undefined> | undefined;
  const load = () => {
    const dir = consoleBuildDir();
    return dir ? loadConsoleFiles(dir) : Promise.resolve(undefined);
  };

  const serve = async (request: FastifyRequest, reply: FastifyReply, name: string) => {
    files ??= load().then((loaded) => {
      if (!loaded) files = undefined; // not built yet: look again next time
      return loaded;
    });
    const loaded = await files;
    if (!loaded) throw new RegistryError('ROUTE_NOT_FOUND', 'The console is not built: run `npm run build` (it runs `vite build` for ui/)');
    const file = loaded.get(name) ?? (name.startsWith('assets/') ? undefined : loaded.get('index.html'));
    if (!file) throw new RegistryError('ROUTE_NOT_FOUND', `HTTP 404 Not Found: no console file ${name.slice(0, 200)}`);
    send(request, reply, file);
  };

  const file = { type: 'object', properties: { file: { type: 'string', maxLength: 200 } }, required: ['file'] } as const;
  app.get('/ui', async (request, reply) => serve(request, reply, 'index.html'));
  app.get<{ Params: { file: string } }>('/ui/:file', { schema: { params: file } }, async (request, reply) => serve(request, reply, request.params.file));
  app.get<{ Params: { file: string } }>('/ui/assets/:file', { schema: { params: file } }, async (request, reply) =>
    serve(request, reply, `assets/${request.params.file}`),
  );
}

function send(request: FastifyRequest, reply: FastifyReply, file: ConsoleFile): void {
  const accepted = String(request.headers['accept-encoding'] ?? '');
  const [encoding, body] = file.br && /\bbr\b/.test(accepted) ? ['br', file.br] : file.gzip && /\bgzip\b/.test(accepted) ? ['gzip', file.gzip] : [undefined, file.body];
  reply.type(file.type);
  reply.header('vary', 'accept-encoding');
  reply.header('x-content-type-options', 'nosniff');
  reply.header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (file.type.startsWith('text/html')) {
    reply.header('content-security-policy', contentSecurityPolicy);
    reply.header('referrer-policy', 'no-referrer');
  }
  if (encoding) reply.header('content-encoding', encoding);
  reply.send(body);
}

/**
 * A browser opening the registry's root (it asks for HTML) is sent to the console; API clients
 * asking `/` for JSON keep Confluent's `{}`. Installed before authentication: the redirect reveals
 * nothing, and the console has its own sign-in.
 */
export function redirectBrowsersToConsole(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || request.routeOptions.url !== '/') return;
    if (!String(request.headers.accept ?? '').includes('text/html')) return;
    return reply.redirect('/ui/', 302);
  });
}
