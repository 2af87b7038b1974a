// Entry of the build thread. Under Node 20 a worker does not get tsx's loader
// from the inherited --import (neither under `npm start` nor under vitest), so
// it is registered here before the TypeScript build thread is imported.
import { register } from 'tsx/esm/api';

register();
await import('./build-thread.ts');
