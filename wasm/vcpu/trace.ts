// The trace ring (--trace): every vCPU state change and pCPU phase change, in order. The host
// drains it at least every TRACE_DRAIN_EVENTS events, so it never laps.
import { State } from './state';
import { OPT_TRACE, TRACE_CAP } from './constants';

export function traceRecord(s: State, kind: i32, id: i32, value: i32, pcpu: i32): void {
  if ((s.options & OPT_TRACE) == 0) return;
  const k = s.trTotal & (TRACE_CAP - 1);
  unchecked((s.trTime[k] = s.now));
  unchecked((s.trWho[k] = (kind << 16) | id));
  unchecked((s.trState[k] = value));
  unchecked((s.trPcpu[k] = pcpu));
  s.trTotal++;
}
