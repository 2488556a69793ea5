import { call } from '../../support/registry.js';

/**
 * What a refused request must leave untouched: subjects (deleted ones too), the audit log and the
 * global config. Compared before and after every hostile request.
 */
export async function storeState(url: string) {
  const subjects = await call(url, 'GET', '/subjects?deleted=true');
  const audit = await call(url, 'GET', '/audit?limit=1000');
  const config = await call(url, 'GET', '/config');
  const mode = await call(url, 'GET', '/mode');
  const consumers = await call(url, 'GET', '/consumers');
  return { subjects: subjects.body, audit: audit.body.entries.length, config: config.body, mode: mode.body, consumers: consumers.body };
}
