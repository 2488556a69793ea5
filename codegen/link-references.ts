import type { JsonSchema } from '../core/schema/types.js';
import { ContractError } from './contracts/contract-error.js';
import { parseContractRef } from './contracts/contract-ref.js';
import { pascalCase } from './name.js';
import type { Plan, PlannedSubject, PlannedVersion } from './plan.js';

/** Where a version's generated type lives, for the versions that reference it. */
interface Target {
  subject: PlannedSubject;
  version: PlannedVersion;
}

/** A referenced type as the referencing module names it, and the import that brings it in. */
interface Link {
  local: string;
  exported: string;
  from: string;
}

/** A schema ready for the type generator, with the imports its references need. */
export interface LinkedSchema {
  schema: JsonSchema;
  links: Link[];
}

const DEF_KEYS = ['$defs', 'definitions'] as const;

/**
 * The exported name of a referenced version's `$defs` entry in its generated module:
 * `common.Money/1.0.0#/$defs/Amount` → `Amount` in `common.Money/v1_0_0.types.ts`. One rule, used
 * both to name the definition there (see `nameDefinitions`) and to import it here.
 */
export function definitionTypeName(key: string): string {
  return pascalCase(key);
}

/** Every version of the plan by reference name (`<subject>/<semver>`). */
export function targetsOf(p: Plan): Map<string, Target> {
  return new Map(p.subjects.flatMap((subject) => subject.versions.map((version) => [`${subject.subject}/${version.semver}`, { subject, version }] as const)));
}

/** Whether another version of the folder references `version` (its definitions then get stable names). */
export function isReferenced(p: Plan, subject: string, version: string): boolean {
  const name = `${subject}/${version}`;
  return p.subjects.some((s) => s.versions.some((v) => (v.contract.references ?? []).some((r) => r.name === name)));
}

/**
 * Replaces every folder-form `$ref` (`common.Money/1.0.0`, `common.Money/1.0.0#/$defs/Amount`) by
 * a `tsType` naming the referenced version's generated type, so the type generator writes the name
 * instead of a copy and the module imports it: one type per shared version, imported by all. The
 * local name is the target's type name (`MoneyV1_0_0`), or with the definition appended
 * (`MoneyV1_0_0Amount`) so two shared types' `Amount`s cannot clash. Links are sorted by local name.
 */
export function linkReferences(from: { subject: PlannedSubject; version: PlannedVersion }, targets: ReadonlyMap<string, Target>): LinkedSchema {
  const links = new Map<string, Link>();
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node !== 'object' || node === null) return node;
    const ref = (node as { $ref?: unknown }).$ref;
    const parsed = typeof ref === 'string' ? parseContractRef(ref) : undefined;
    if (parsed) {
      const { link, tsType } = linkTo(parsed, from, targets);
      links.set(link.local, link);
      const description = (node as { description?: unknown }).description;
      return typeof description === 'string' ? { tsType, description } : { tsType };
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v)]));
  };
  const schema = visit(from.version.schema) as JsonSchema;
  return { schema, links: [...links.values()].sort((a, b) => (a.local < b.local ? -1 : a.local > b.local ? 1 : 0)) };
}

/**
 * The import and the type expression of one folder reference. A fragment may start at a top-level
 * definition (`/$defs/Amount`, imported by name) and then walk `properties/<name>` and `items`
 * steps, typed by indexed access on the imported type (`Exclude<MoneyV1_0_0['amount'], undefined>`:
 * an optional property's type without the `undefined` JSON never holds). Other pointers are refused.
 */
function linkTo(ref: { name: string; fragment: string }, from: { subject: PlannedSubject; version: PlannedVersion }, targets: ReadonlyMap<string, Target>): { link: Link; tsType: string } {
  const target = targets.get(ref.name);
  if (!target) throw new ContractError(from.version.schemaFile, `$ref '${ref.name}' names no version of the folder; codegen needs every referenced version in it`);
  const dir = target.subject.folder === from.subject.folder ? '.' : `../${target.subject.folder}`;
  const module = `${dir}/${target.version.stem}.types.js`;
  const refuse = (why: string) =>
    new ContractError(from.version.schemaFile, `$ref '${ref.name}#${ref.fragment}': codegen types a reference to a version, one of its top-level $defs, or a property or items under them; ${why}`);
  const steps = ref.fragment === '' ? [] : pointerSteps(ref.fragment);
  if (steps === undefined) throw refuse('the fragment is not a JSON pointer');
  const root = target.version.schema;
  let link: Link = { local: target.version.typeName, exported: target.version.typeName, from: module };
  let node: unknown = root;
  if (steps.length >= 2 && (DEF_KEYS as readonly string[]).includes(steps[0]!)) {
    const key = steps[1]!;
    node = definitionOf(root, key);
    if (node === undefined) throw refuse(`${ref.name} has no definition '${key}'`);
    const exported = definitionTypeName(key);
    link = { local: `${target.version.typeName}${exported}`, exported, from: module };
    steps.splice(0, 2);
  }
  let tsType = link.local;
  while (steps.length > 0) {
    const step = steps.shift()!;
    node = followLocalRef(root, node);
    if (step === 'properties' && steps.length > 0) {
      const key = steps.shift()!;
      const properties = (node as { properties?: Record<string, unknown> } | undefined)?.properties;
      if (typeof properties !== 'object' || properties === null || !Object.hasOwn(properties, key)) throw refuse(`${ref.name} has no property at that pointer`);
      node = properties[key];
      tsType = `Exclude<${tsType}[${JSON.stringify(key)}], undefined>`;
    } else if (step === 'items' && typeof (node as { items?: unknown } | undefined)?.items === 'object') {
      node = (node as { items: unknown }).items;
      tsType = `${tsType}[number]`;
    } else {
      throw refuse(`'${step}' is not such a step`);
    }
  }
  return { link, tsType };
}

/** `/$defs/Amount/properties/value` → `['$defs', 'Amount', 'properties', 'value']` (decoded), or undefined. */
function pointerSteps(fragment: string): string[] | undefined {
  if (!fragment.startsWith('/')) return undefined;
  try {
    return fragment
      .slice(1)
      .split('/')
      .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'));
  } catch {
    return undefined;
  }
}

/** A node that is only a local `$ref` (`{"$ref": "#/$defs/Amount"}`), replaced by what it points at. */
function followLocalRef(root: JsonSchema, node: unknown, depth = 0): unknown {
  const ref = (node as { $ref?: unknown } | null)?.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#') || depth > 32) return node;
  let at: unknown = root;
  for (const part of pointerSteps(ref.slice(1)) ?? []) at = (at as Record<string, unknown> | null)?.[part];
  return followLocalRef(root, at, depth + 1);
}

function definitionOf(schema: JsonSchema, key: string): unknown {
  if (typeof schema !== 'object') return undefined;
  for (const at of DEF_KEYS) {
    const defs = schema[at];
    if (typeof defs === 'object' && defs !== null && Object.hasOwn(defs, key)) return (defs as Record<string, unknown>)[key];
  }
  return undefined;
}

/**
 * Gives each top-level definition of a referenced version the name `definitionTypeName` promises
 * (as its title; a title it had becomes its description when it has none), so the referencing
 * modules can import it by that name.
 */
export function nameDefinitions(schema: Record<string, unknown>): void {
  for (const at of DEF_KEYS) {
    const defs = schema[at];
    if (typeof defs !== 'object' || defs === null) continue;
    for (const [key, def] of Object.entries(defs as Record<string, unknown>)) {
      if (typeof def !== 'object' || def === null || Array.isArray(def)) continue;
      const body = def as Record<string, unknown>;
      if (typeof body.title === 'string' && typeof body.description !== 'string') body.description = body.title;
      body.title = definitionTypeName(key);
    }
  }
}
