// The vCPU simulation worker: hosts one VcpuSession behind comlink. It never imports UI code.
import * as Comlink from 'comlink';
import wasmUrl from '../../../build/wasm/vcpu.wasm?url&no-inline';
import { VcpuSession } from './session';
import { vcpuWorkerApi } from './workerApi';
import { workerHost } from '../workerHost';

Comlink.expose(vcpuWorkerApi(workerHost(wasmUrl, 'vcpu kernel', (module) => new VcpuSession(module))));
