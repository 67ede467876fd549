// Worker entry for bench/map-apply.worker.ts: registers tsx in this thread (Node 20 does
// not pass --import loaders to worker threads), then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./map-apply.worker.ts');
