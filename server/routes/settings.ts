import type { FastifyInstance } from 'fastify';
import { RegistryError } from '../../core/errors/index.js';
import { appendAudit } from '../storage/audit-rows.js';
import { deleteConfig, deleteMode, GLOBAL, readConfig, readMode, writeConfig, writeMode } from '../storage/settings-rows.js';
import { defaultConfig, parseConfigBody, parseModeBody, type SubjectConfig } from '../registry/settings.js';
import { assertValidSubject } from '../../core/policy/index.js';
import { flag } from '../http/query.js';
import { actorOf, type RouteOptions, type SubjectParams } from './route-context.js';

/** Config as Confluent answers it: the level under `compatibilityLevel`, other settings beside it. */
const configBody = (config: SubjectConfig) => {
  const { compatibilityLevel, ...rest } = config;
  return { ...(compatibilityLevel ? { compatibilityLevel } : {}), ...rest };
};

/** `/config` and `/mode`, global and per subject, with Confluent's answers and codes. */
export async function settingsRoutes(app: FastifyInstance, { ctx }: RouteOptions): Promise<void> {
  app.get('/config', async () => configBody({ ...defaultConfig, ...(await readConfig<SubjectConfig>(ctx.db, GLOBAL)) }));

  app.put('/config', async (request) => {
    const update = parseConfigBody(request.body);
    return ctx.db.transaction(async (tx) => {
      const merged = { ...(await readConfig<SubjectConfig>(tx, GLOBAL)), ...update };
      await writeConfig(tx, GLOBAL, merged);
      await appendAudit(tx, { principal: actorOf(request).principal, action: 'config.update', detail: { ...update } });
      return { compatibility: merged.compatibilityLevel ?? defaultConfig.compatibilityLevel, ...withoutLevel(merged) };
    });
  });

  app.delete('/config', async (request) =>
    ctx.db.transaction(async (tx) => {
      const previous = (await readConfig<SubjectConfig>(tx, GLOBAL)) ?? {};
      await deleteConfig(tx, GLOBAL);
      await appendAudit(tx, { principal: actorOf(request).principal, action: 'config.delete', detail: {} });
      return configBody({ ...defaultConfig, ...previous });
    }),
  );

  app.get<{ Params: SubjectParams }>('/config/:subject', async (request) => {
    const { subject } = request.params;
    assertValidSubject(subject);
    const own = await readConfig<SubjectConfig>(ctx.db, subject);
    if (own) return configBody(own);
    if (flag(request.query, 'defaultToGlobal')) return configBody({ ...defaultConfig, ...(await readConfig<SubjectConfig>(ctx.db, GLOBAL)) });
    throw new RegistryError('SUBJECT_CONFIG_NOT_FOUND', `Subject '${subject}' does not have subject-level compatibility configured`);
  });

  app.put<{ Params: SubjectParams }>('/config/:subject', async (request) => {
    const { subject } = request.params;
    assertValidSubject(subject);
    const update = parseConfigBody(request.body);
    return ctx.db.transaction(async (tx) => {
      const merged = { ...(await readConfig<SubjectConfig>(tx, subject)), ...update };
      await writeConfig(tx, subject, merged);
      await appendAudit(tx, { principal: actorOf(request).principal, action: 'config.update', subject, detail: { ...update } });
      return { ...(merged.compatibilityLevel ? { compatibility: merged.compatibilityLevel } : {}), ...withoutLevel(merged) };
    });
  });

  app.delete<{ Params: SubjectParams }>('/config/:subject', async (request) => {
    const { subject } = request.params;
    assertValidSubject(subject);
    return ctx.db.transaction(async (tx) => {
      const previous = await readConfig<SubjectConfig>(tx, subject);
      if (!previous) throw new RegistryError('SUBJECT_CONFIG_NOT_FOUND', `Subject '${subject}' does not have subject-level compatibility configured`);
      await deleteConfig(tx, subject);
      await appendAudit(tx, { principal: actorOf(request).principal, action: 'config.delete', subject, detail: {} });
      return configBody(previous);
    });
  });

  app.get('/mode', async () => ({ mode: (await readMode(ctx.db, GLOBAL)) ?? 'READWRITE' }));

  app.put('/mode', async (request) => setMode(GLOBAL, parseModeBody(request.body), actorOf(request).principal, flag(request.query, 'force')));

  app.delete('/mode', async (request) =>
    ctx.db.transaction(async (tx) => {
      const previous = (await readMode(tx, GLOBAL)) ?? 'READWRITE';
      await deleteMode(tx, GLOBAL);
      await appendAudit(tx, { principal: actorOf(request).principal, action: 'mode.delete', detail: {} });
      return { mode: previous };
    }),
  );

  app.get<{ Params: SubjectParams }>('/mode/:subject', async (request) => {
    const { subject } = request.params;
    assertValidSubject(subject);
    const own = await readMode(ctx.db, subject);
    if (own) return { mode: own };
    if (flag(request.query, 'defaultToGlobal')) return { mode: (await readMode(ctx.db, GLOBAL)) ?? 'READWRITE' };
    throw new RegistryError('SUBJECT_MODE_NOT_FOUND', `Subject '${subject}' does not have subject-level mode configured`);
  });

  app.put<{ Params: SubjectParams }>('/mode/:subject', async (request) => {
    assertValidSubject(request.params.subject);
    return setMode(request.params.subject, parseModeBody(request.body), actorOf(request).principal, flag(request.query, 'force'));
  });

  app.delete<{ Params: SubjectParams }>('/mode/:subject', async (request) => {
    const { subject } = request.params;
    assertValidSubject(subject);
    return ctx.db.transaction(async (tx) => {
      const previous = await readMode(tx, subject);
      if (!previous) throw new RegistryError('SUBJECT_MODE_NOT_FOUND', `Subject '${subject}' does not have subject-level mode configured`);
      await deleteMode(tx, subject);
      await appendAudit(tx, { principal: actorOf(request).principal, action: 'mode.delete', subject, detail: {} });
      return { mode: previous };
    });
  });

  /** IMPORT on a registry that already holds schemas would mix ids; Confluent asks for force=true. */
  async function setMode(subject: string, mode: string, principal: string, force: boolean) {
    return ctx.db.transaction(async (tx) => {
      if (mode === 'IMPORT' && !force) {
        const { rows } = await tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM charter_versions WHERE ($1 = '' OR subject = $1)`,
          [subject],
        );
        if (rows[0]!.n > 0) {
          throw new RegistryError('OPERATION_NOT_PERMITTED', 'Cannot switch to IMPORT mode while schemas exist; pass force=true to do it anyway');
        }
      }
      await writeMode(tx, subject, mode);
      await appendAudit(tx, { principal, action: 'mode.update', ...(subject ? { subject } : {}), detail: { mode } });
      return { mode };
    });
  }
}

function withoutLevel(config: SubjectConfig) {
  const { compatibilityLevel: _level, ...rest } = config;
  return rest;
}
