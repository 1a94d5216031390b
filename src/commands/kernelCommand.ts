// Commands that change the kernel's state inside a run (policy, faults, ACK settings) and
// the stamped kernel commands they stand for. One mapping for every host: the app, the
// headless lab runner, saved sessions and share links.
import type { KernelCommand } from '../kernels/api';
import type { Command } from './types';

/** The kernel command a parsed command stands for, or null if it is not one. */
export function kernelCommandOf(command: Command): KernelCommand | null {
  switch (command.name) {
    case 'policy':
      return { kind: 'policy', policy: command.policy };
    case 'fail':
      return command.target === 'node' ? { kind: 'fail-node', node: command.node } : { kind: 'fail-gpu', node: command.node, gpu: command.gpu };
    case 'ack':
      if (command.setting === 'weights') return { kind: 'ack-weights', weights: command.weights };
      if (command.setting === 'batch') return { kind: 'ack-batch', size: command.size };
      return { kind: 'ack-filter', filter: command.setting, on: command.on };
    default:
      return null;
  }
}

/** The typed command of a stamped kernel command. */
export function commandOfKernel(command: KernelCommand): Command {
  switch (command.kind) {
    case 'policy':
      return { name: 'policy', policy: command.policy };
    case 'fail-node':
      return { name: 'fail', target: 'node', node: command.node };
    case 'fail-gpu':
      return { name: 'fail', target: 'gpu', node: command.node, gpu: command.gpu };
    case 'ack-weights':
      return { name: 'ack', setting: 'weights', weights: command.weights };
    case 'ack-batch':
      return { name: 'ack', setting: 'batch', size: command.size };
    case 'ack-filter':
      return { name: 'ack', setting: command.filter, on: command.on };
  }
}
