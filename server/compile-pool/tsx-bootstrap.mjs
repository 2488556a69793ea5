// Worker entry when Charter runs from its TypeScript sources (tests, `npm run dev`): registers tsx
// in this thread, then loads the real worker. Loader hooks of the parent thread do not reach a
// worker's entry module on Node 20. Built code starts compile-worker.js directly.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
