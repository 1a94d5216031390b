// Propagation delay from coordinates: great-circle distance over fibre, times a route stretch.
import type { SimNs } from './types';

/** Mean Earth radius, km (IUGG). */
const EARTH_KM = 6371.0088;
/** Light in vacuum, km per ns. */
const C_KM_PER_NS = 299_792.458e-9;
/** Light in fibre, ~2/3 c (refractive index ~1.5; spec issue 15). */
export const FIBRE_SPEED = 2 / 3;

export interface LatLon {
  lat: number;
  lon: number;
}

/** Great-circle distance by the haversine formula, km. */
export function greatCircleKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** One-way delay over fibre that runs `stretch` times the great-circle distance, whole ns. */
export function fibreDelayNs(a: LatLon, b: LatLon, stretch: number): SimNs {
  return Math.round((greatCircleKm(a, b) * stretch) / (C_KM_PER_NS * FIBRE_SPEED));
}
