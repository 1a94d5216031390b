// A grid of named axes, the last varying fastest: run index <-> one value per axis.
export interface Axis {
  name: string;
  values: readonly (string | number)[];
}

export function gridSize(axes: readonly Axis[]): number {
  return axes.reduce((n, a) => n * a.values.length, 1);
}

/** The values of run `index`, by axis name. */
export function gridPoint(axes: readonly Axis[], index: number): Record<string, string | number> {
  const point: Record<string, string | number> = {};
  let rest = index;
  for (let a = axes.length - 1; a >= 0; a--) {
    const values = axes[a].values;
    point[axes[a].name] = values[rest % values.length];
    rest = Math.floor(rest / values.length);
  }
  return point;
}
