// A vCPU run as a URL fragment: `#vcpu=v<version>.<hash>.<data>`, in the envelope every link
// kind shares (src/state/linkEnvelope.ts). The tag keeps it apart from the other kernels'
// links: no decoder accepts another kind's, and the app knows from the tag alone which tab a
// link opens.
import { decodeLinkEnvelope, encodeLinkEnvelope, isLinkOf } from '../../state/linkEnvelope';
import type { EnvelopeFailure, LinkKind } from '../../state/linkEnvelope';
import { VCPU_FORMAT_VERSION, vcpuFromCompact, vcpuToCompact } from './runDescription';
import type { VcpuRunDescription } from './runDescription';

export const VCPU_SHARE_PREFIX = '#vcpu=';
export const VCPU_LINK: LinkKind = { prefix: VCPU_SHARE_PREFIX, version: VCPU_FORMAT_VERSION, noun: 'vcpu link' };

export type VcpuShareFailure = EnvelopeFailure | 'field';
export type VcpuDecodeResult = { ok: true; run: VcpuRunDescription } | { ok: false; code: VcpuShareFailure; reason: string };

export function encodeVcpuShareFragment(run: VcpuRunDescription): Promise<string> {
  return encodeLinkEnvelope(VCPU_LINK, vcpuToCompact(run));
}

export function isVcpuShareFragment(fragment: string): boolean {
  return isLinkOf(VCPU_LINK, fragment);
}

/** Accepts `#vcpu=…` or `vcpu=…` (location.hash with or without its '#'). */
export async function decodeVcpuShareFragment(fragment: string): Promise<VcpuDecodeResult> {
  const opened = await decodeLinkEnvelope(VCPU_LINK, fragment);
  if (!opened.ok) return opened;
  const checked = vcpuFromCompact(opened.value);
  if (!checked.ok) return { ok: false, code: 'field', reason: `the vcpu link is invalid: ${checked.reason}` };
  return { ok: true, run: checked.value };
}
