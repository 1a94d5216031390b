// One colour per VM, the same in the Gantt chart, the vCPU bars, the run queues and the 3D
// host; the VM's index picks it. Twelve hues told apart on a dark ground, then they repeat.
const VM_COLOURS = ['#38bdf8', '#f59e0b', '#a78bfa', '#34d399', '#f472b6', '#facc15', '#60a5fa', '#fb7185', '#4ade80', '#c084fc', '#fb923c', '#2dd4bf'];

export function vmColour(vm: number): string {
  return VM_COLOURS[((vm % VM_COLOURS.length) + VM_COLOURS.length) % VM_COLOURS.length];
}

export function vmColourNumber(vm: number): number {
  return Number.parseInt(vmColour(vm).slice(1), 16);
}

/** What is not a VM's guest time. */
export const PHASE_COLOUR = { idle: '#0f172a', host: '#64748b', offline: '#450a0a' } as const;
