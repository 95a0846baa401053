// Worker entry when the app runs from TypeScript (tsx, jest): a worker thread cannot load .ts by itself,
// so it registers tsx first. A compiled build has extract-worker.js and the pool loads that directly.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./extract-worker.ts');

export const parseAndExtract = worker.parseAndExtract;
