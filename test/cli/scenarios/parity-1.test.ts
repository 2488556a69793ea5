import { describeCorpusPart } from './scenario-runner.js';

await describeCorpusPart(1);
