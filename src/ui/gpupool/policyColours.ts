// One colour per policy, shared by every chart so a policy reads the same everywhere: Okabe and
// Ito's colour-blind-safe set (without its black and dark blue, lost on the dark page), with
// the fallback for other labels (ACK) a light grey. src/ui/palette.test.ts measures them apart.
export const POLICY_COLOURS: Record<string, string> = {
  FGD: '#56b4e9',
  BestFit: '#e69f00',
  GpuPacking: '#cc79a7',
  GpuClustering: '#d55e00',
  DotProd: '#009e73',
  Random: '#f0e442',
};
export const OTHER_POLICY_COLOUR = '#e2e8f0';

export const colourOfPolicy = (label: string): string => POLICY_COLOURS[label.split(' ')[0]] ?? OTHER_POLICY_COLOUR;
