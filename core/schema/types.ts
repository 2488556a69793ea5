/** A JSON Schema document: an object or, as the spec allows for subschemas, a boolean. */
export type JsonSchema = boolean | JsonSchemaObject;
export interface JsonSchemaObject {
  [keyword: string]: unknown;
}

/** The JSON Schema drafts Charter reads. `$schema` decides; no `$schema` means 2020-12. */
export type Draft = 'draft-07' | '2019-09' | '2020-12';

/**
 * Schemas this one references by name, as Confluent references resolve them: the `name` of a
 * reference is the `$ref` value used in the referring schema.
 */
export type ReferencedSchemas = Readonly<Record<string, JsonSchema>>;
