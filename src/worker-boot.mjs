// Starts the page worker from TypeScript source (development and tests): registers tsx in this thread first.
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
await import(workerData.entry);
