// The LogIndex simulation worker: hosts one LogIndexSession behind comlink. It never imports UI code.
import * as Comlink from 'comlink';
import wasmUrl from '../../../build/wasm/logindex.wasm?url&no-inline';
import { LogIndexSession } from './session';
import { logIndexWorkerApi } from './workerApi';
import { workerHost } from '../workerHost';

Comlink.expose(logIndexWorkerApi(workerHost(wasmUrl, 'logindex kernel', (module) => new LogIndexSession(module))));
