// Colours shared by the raft views, so a state or a message kind looks the same everywhere.
import { STRIP_STATES, type StripState } from '../../kernels/raft/protocol';

export const STATE_COLOUR: Record<StripState, string> = {
  hole: '#1e293b',
  'lba-known': '#334155',
  received: '#64748b',
  persisted: '#0ea5e9',
  committed: '#86efac',
  'pending-lbb': '#f59e0b',
  'pending-gap': '#f97316',
  applied: '#16a34a',
  skip: '#a855f7',
};
export const STATE_BY_CODE: string[] = STRIP_STATES.map((s) => STATE_COLOUR[s]);

/** Message kinds (MESSAGE_KINDS ids) grouped into a few colours. */
export function messageColour(kind: number): string {
  if (kind === 1 || kind === 12 || kind === 13) return '#38bdf8'; // append, install, catch-up piece
  if (kind === 2 || kind === 3 || kind === 14) return '#4ade80'; // ack, append-resp, piece ack
  if (kind >= 4 && kind <= 9) return '#c084fc'; // vote, merge, sync
  return '#64748b'; // heartbeat
}
export const DROP_COLOUR = '#ef4444';
export const SELECT_COLOUR = '#facc15';
export const VIOLATION_COLOUR = '#ef4444';
export const BAND_COLOUR: Record<'node' | 'link' | 'disk', string> = {
  node: 'rgba(239, 68, 68, 0.14)',
  link: 'rgba(250, 204, 21, 0.12)',
  disk: 'rgba(249, 115, 22, 0.14)',
};
