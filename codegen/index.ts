/**
 * Charter codegen: contracts folder → typed events, precompiled validators and migration typings.
 * The pipeline, in order: load-contracts → plan → compile-types / compile-validator →
 * emit-events / emit-migrations → emit-event-map → emit-barrel → write-generated / check-generated.
 */
export { loadContracts } from './contracts/load-contracts.js';
export { writeContracts } from './contracts/write-contracts.js';
export { initExample } from './contracts/init-example.js';
export { ContractError } from './contracts/contract-error.js';
export { parseContractRef, contractReferences, type ContractReference } from './contracts/contract-ref.js';
export { confluentReferences, type ConfluentReference } from './contracts/confluent-references.js';
export { resolveFolderReferences, type ExternalVersion, type FolderReferences, type FolderVersion } from './contracts/folder-references.js';
export type {
  ContractExamples,
  ContractFolder,
  ContractSubject,
  ContractVersion,
  MigrationRule,
  SubjectSettings,
} from './contracts/types.js';
export { generate, type GenerateOptions } from './generate.js';
export { writeGenerated } from './write-generated.js';
export { checkGenerated, describeStale, type StaleFile } from './check-generated.js';
export { manifestFile } from './manifest.js';
