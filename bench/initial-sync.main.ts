/** Runs only the initial-sync bench: `npx tsx bench/initial-sync.main.ts`. */
import { REPO_ROOT } from '../server/start.ts';
import { initialSyncBench } from './initial-sync.ts';
import { describeResult } from './result.ts';

console.log(describeResult(await initialSyncBench(REPO_ROOT)));
