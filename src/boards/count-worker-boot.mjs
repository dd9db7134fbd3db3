// A worker thread's entry: Node 20 does not apply the parent's --import tsx to workers, so this plain module
// loads the TypeScript worker through tsx's API (the same loader `npm start` uses).
import { tsImport } from 'tsx/esm/api';

await tsImport('./count-worker.ts', import.meta.url);
