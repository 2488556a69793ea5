import {
  CelExecutor,
  CelFieldExecutor,
  JsonDeserializer,
  JsonSerializer,
  RuleRegistry,
  SchemaRegistryClient,
  SerdeType,
  SerializationError,
  type RuleAction,
  type RuleContext,
} from '@confluentinc/schemaregistry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confluentWire, DomainRuleViolation, EventCodec, RegistryClient } from '../../../client/index.js';
import { testBackends } from '../../support/databases.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { register } from '../../support/schemas.js';

CelExecutor.register();
CelFieldExecutor.register();

// Confluent's JS client has no dead-letter action of its own: this one records what it was given.
const deadLettered: string[] = [];
const dlqAction: RuleAction = {
  configure: () => undefined,
  type: () => 'DLQ',
  run: async (ctx: RuleContext) => {
    deadLettered.push(ctx.rule.name);
    throw new SerializationError(`dead-lettered by ${ctx.rule.name}`);
  },
  close: async () => undefined,
};
RuleRegistry.registerRuleAction(dlqAction);

const payment = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    amount: { type: 'number' },
    ssn: { type: 'string', 'confluent:tags': ['PII'] },
    email: { type: 'string' },
  },
  required: ['id', 'amount'],
};
const cel = (name: string, mode: string, expr: string, extra: Record<string, unknown> = {}) => ({ name, kind: 'CONDITION', type: 'CEL', mode, expr, ...extra });
const rules = {
  domainRules: [
    cel('positive-amount', 'WRITE', 'message.amount > 0'),
    cel('small-enough-to-read', 'READ', 'message.amount < 1000', { onFailure: 'DLQ' }),
    cel('never-checked', 'WRITE', 'false', { disabled: true }),
    { name: 'mask-pii', kind: 'TRANSFORM', type: 'CEL_FIELD', mode: 'READ', tags: ['PII'], expr: 'typeName == "STRING" ; "XXX"' },
  ],
};
const metadata = { tags: { '$.email': ['PII'] } };

for (const backend of testBackends) {
  describe(`CEL domain rules (${backend.name})`, () => {
    let registry: TestRegistry;
    let drop: () => Promise<void>;
    const api = (method: string, path: string, body?: unknown) => call(registry.url, method, path, body);
    const confluent = () => new SchemaRegistryClient({ baseURLs: [registry.url] });
    const charter = () => new EventCodec({ registry: new RegistryClient({ url: registry.url }) });
    beforeAll(async () => {
      const created = await backend.create();
      drop = created.drop;
      registry = await startRegistry({ store: created.store });
      const created1 = await api('POST', '/subjects/payments-value/versions', register(payment, { ruleSet: rules, metadata, examples: [{ id: 'p', amount: 5 }] }));
      expect(created1.status).toBe(200);
    });
    afterAll(async () => {
      await registry?.close();
      await drop?.();
    });

    it('refuses on write an event a CEL condition rejects (ERROR), in Confluent’s client and in Charter’s SDK', async () => {
      const serializer = new JsonSerializer(confluent(), SerdeType.VALUE, { useLatestVersion: true });
      await expect(serializer.serialize('payments', { id: 'p-1', amount: -5 })).rejects.toThrow(/positive-amount/);
      const codec = charter();
      const refused = await codec.encode('payments-value', { id: 'p-1', amount: -5 }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DomainRuleViolation);
      expect(refused).toMatchObject({ rule: { name: 'positive-amount' }, action: 'ERROR' });
    });

    it('writes the same bytes as Confluent’s serializer for an event the rules accept', async () => {
      const event = { id: 'p-2', amount: 12, ssn: '123-45-6789', email: 'a@b.c' };
      const confluentBytes = await new JsonSerializer(confluent(), SerdeType.VALUE, { useLatestVersion: true }).serialize('payments', event);
      const codec = charter();
      const charterBytes = codec.serialize(await codec.encode('payments-value', event), confluentWire).body;
      expect(Buffer.from(charterBytes)).toEqual(confluentBytes);
    });

    it('masks every field tagged PII on read (inline and metadata tags), in both clients alike', async () => {
      const event = { id: 'p-3', amount: 40, ssn: '123-45-6789', email: 'a@b.c' };
      const bytes = await new JsonSerializer(confluent(), SerdeType.VALUE, { useLatestVersion: true }).serialize('payments', event);
      const masked = { id: 'p-3', amount: 40, ssn: 'XXX', email: 'XXX' };
      expect(await new JsonDeserializer(confluent(), SerdeType.VALUE, {}).deserialize('payments', bytes)).toEqual(masked);
      const decoded = await charter().decode(bytes);
      expect(decoded.ok && decoded.event.data).toEqual(masked);
    });

    it('dead-letters on read an event a READ condition rejects (DLQ), in both clients', async () => {
      const event = { id: 'p-4', amount: 5000 };
      const bytes = await new JsonSerializer(confluent(), SerdeType.VALUE, { useLatestVersion: true }).serialize('payments', event);
      await expect(new JsonDeserializer(confluent(), SerdeType.VALUE, {}).deserialize('payments', bytes)).rejects.toThrow(/dead-lettered by small-enough-to-read/);
      expect(deadLettered).toContain('small-enough-to-read');
      expect(await charter().decode(bytes)).toMatchObject({ ok: false, reason: 'rule-failed', rule: 'small-enough-to-read', action: 'DLQ' });
    });

    it('reports through POST …/validate which rule an otherwise valid event fails', async () => {
      const failing = await api('POST', '/subjects/payments-value/versions/1/validate', { event: { id: 'p', amount: -1 } });
      expect(failing.body).toMatchObject({ valid: false, errors: [], ruleFailure: { rule: 'positive-amount' } });
      expect((await api('POST', '/subjects/payments-value/versions/1/validate', { event: { id: 'p', amount: 1 } })).body.valid).toBe(true);
    });

    it('refuses at registration a condition that rejects a valid example, and a CEL expression that does not parse (42210)', async () => {
      const rejecting = await api('POST', '/subjects/rules.Bad/versions', register(payment, {
        ruleSet: { domainRules: [cel('tiny', 'WRITE', 'message.amount < 1')] },
        examples: [{ id: 'ok', amount: 0.5 }, { id: 'big', amount: 30 }],
      }));
      expect(rejecting.status).toBe(422);
      expect(rejecting.body).toMatchObject({ error_code: 42210, message: expect.stringMatching(/'tiny' rejects examples\[1\]/) });
      const unparsable = await api('POST', '/subjects/rules.Bad/versions', register(payment, { ruleSet: { domainRules: [cel('broken', 'WRITE', 'message.amount >')] } }));
      expect(unparsable.body).toMatchObject({ error_code: 42210, message: expect.stringMatching(/broken|domainRules\[0\]/) });
      const badAction = await api('POST', '/subjects/rules.Bad/versions', register(payment, { ruleSet: { domainRules: [cel('x', 'WRITE', 'true', { onFailure: 'EXPLODE' })] } }));
      expect(badAction.body.error_code).toBe(42210);
      expect((await api('GET', '/subjects/rules.Bad/versions')).status).toBe(404);
    });

    it('honours NONE and the write,read split of a WRITEREAD rule’s actions', async () => {
      await api('POST', '/subjects/rules.Split/versions', register(payment, {
        ruleSet: { domainRules: [cel('small', 'WRITEREAD', 'message.amount < 100', { onFailure: 'NONE,DLQ' })] },
      }));
      const codec = charter();
      const envelope = await codec.encode('rules.Split', { id: 's', amount: 500 });
      expect(envelope.data).toEqual({ id: 's', amount: 500 });
      expect(await codec.decode(envelope)).toMatchObject({ ok: false, reason: 'rule-failed', rule: 'small', action: 'DLQ' });
    });
  });
}
