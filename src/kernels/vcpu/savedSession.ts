// The vCPU tab's saved session: its run (as a link carries it) and whether the tab was in
// front, so a reload lands where the person was. Same storage rules as the other tabs'
// (src/state/session.ts): unreadable data is reported, kept aside, never thrown.
import { checkFields, flag, isRecord, onlyKeys } from '../../state/fieldChecks';
import { restoreJson, saveJson } from '../../state/session';
import type { Restored, SaveResult, SessionStorageLike } from '../../state/session';
import { vcpuFromCompact, vcpuToCompact } from './runDescription';
import type { CompactVcpuRun, VcpuRunDescription } from './runDescription';

export const VCPU_SESSION_KEY = 'hyperscale-lab:vcpu-session';

export interface VcpuSessionState {
  run: VcpuRunDescription;
  /** The vCPU tab was the one in front. */
  open: boolean;
}

interface SavedVcpuSession {
  open: boolean;
  run: CompactVcpuRun;
}

export function saveVcpuSession(storage: SessionStorageLike, state: VcpuSessionState): SaveResult {
  const saved: SavedVcpuSession = { open: state.open, run: vcpuToCompact(state.run) };
  return saveJson(storage, VCPU_SESSION_KEY, saved, 'vcpu progress');
}

export function restoreVcpuSession(storage: SessionStorageLike): Restored<VcpuSessionState> {
  return restoreJson(storage, VCPU_SESSION_KEY, 'vcpu progress', (value) => {
    if (!isRecord(value)) return { ok: false, reason: 'the data is not a saved vcpu session (expected an object)' };
    const open = checkFields(() => {
      onlyKeys(value, '', ['open', 'run']);
      return flag(value.open, 'open');
    });
    if (!open.ok) return open;
    if (value.run === undefined) return { ok: false, reason: 'field run is missing' };
    const run = vcpuFromCompact(value.run);
    return run.ok ? { ok: true, value: { run: run.value, open: open.value } } : { ok: false, reason: run.reason.replace(/^field /, 'field run.') };
  });
}
