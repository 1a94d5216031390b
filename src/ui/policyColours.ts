// One colour per policy, shared by every chart so a policy reads the same everywhere.
export const POLICY_COLOURS: Record<string, string> = {
  FGD: '#38bdf8',
  BestFit: '#a78bfa',
  GpuPacking: '#f472b6',
  GpuClustering: '#fb923c',
  DotProd: '#4ade80',
  Random: '#facc15',
};

export const colourOfPolicy = (label: string): string => POLICY_COLOURS[label.split(' ')[0]] ?? '#e2e8f0';
