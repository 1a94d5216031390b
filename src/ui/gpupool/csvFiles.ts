// Which of two trace CSVs is the node list and which the pod list, told by the header line
// (the openb files: `sn,cpu_milli,...` for nodes, `name,cpu_milli,...` for pods), so users
// can pick or drop them in any order.

export type TraceCsvKind = 'nodes' | 'pods';

export interface NamedText {
  name: string;
  text: string;
}

export function firstLine(text: string): string {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const end = text.indexOf('\n', start);
  return (end === -1 ? text.slice(start) : text.slice(start, end)).replace(/\r$/, '').trim();
}

/** 'nodes', 'pods', or why neither. */
export function csvKind(text: string): TraceCsvKind | { problem: string } {
  const header = firstLine(text);
  const first = header.split(',')[0]?.trim().replace(/^"|"$/g, '').toLowerCase() ?? '';
  if (first === 'sn') return 'nodes';
  if (first === 'name') return 'pods';
  const shown = header.length > 60 ? `${header.slice(0, 60)}…` : header;
  return { problem: `expected a header starting with "sn," (node list) or "name," (pod list), found "${shown}"` };
}

export type PairResult =
  | { ok: true; nodes: NamedText; pods: NamedText }
  | { ok: false; reason: string; nodes: NamedText | null; pods: NamedText | null };

/**
 * Sorts files into the node list and the pod list. `previous` holds a file chosen earlier,
 * so the two can arrive one at a time; nothing chosen is lost on a bad pick.
 */
export function pairTraceFiles(files: NamedText[], previous: { nodes: NamedText | null; pods: NamedText | null } = { nodes: null, pods: null }): PairResult {
  let nodes = previous.nodes;
  let pods = previous.pods;
  const problems: string[] = [];
  for (const file of files) {
    const kind = csvKind(file.text);
    if (kind === 'nodes') nodes = file;
    else if (kind === 'pods') pods = file;
    else problems.push(`${file.name}:1:1: ${kind.problem}`);
  }
  if (problems.length > 0) return { ok: false, reason: problems.join('\n'), nodes, pods };
  if (nodes === null) return { ok: false, reason: `still need the node list CSV (header "sn,cpu_milli,…")${pods ? `; have pods from ${pods.name}` : ''}`, nodes, pods };
  if (pods === null) return { ok: false, reason: `still need the pod list CSV (header "name,cpu_milli,…"); have nodes from ${nodes.name}`, nodes, pods };
  return { ok: true, nodes, pods };
}
