// The live checker (spec §3.6). The first violation is kept with the property, the vCPU, the
// pCPU and the time; later ones are not (the run is already invalid).
import { State } from './state';
import { V_NONE } from './constants';

export function violate(s: State, code: i32, vcpu: i32, pcpu: i32): void {
  if (s.violation != V_NONE) return;
  s.violation = code;
  s.vVcpu = vcpu;
  s.vPcpuAt = pcpu;
  s.vTime = s.now;
}
