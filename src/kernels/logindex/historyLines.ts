// The --history file's JSON Lines (issue 13): one line per writer page change and per replica
// read, so anyone can check L1 without the kernel.
import type { HistoryRecord } from './kernel';

export function formatHistoryLine(r: HistoryRecord): string {
  return r.op === 'write'
    ? `{"t":${r.t},"node":"${r.node}","op":"write","page":${r.page},"lsn":${r.lsn},"image":"${r.image}"}`
    : `{"t":${r.t},"node":"${r.node}","op":"read","page":${r.page},"replayLsn":${r.lsn},"image":"${r.image}"}`;
}
