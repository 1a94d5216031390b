// The generators a kernel can seed (rng.ts), by id. Shared with the host as it is, so it holds
// only `export const NAME: i32 = <integer>` (see src/kernels/assemblyScriptTypes.d.ts).
export const RNG_XOSHIRO: i32 = 0;
/** Go's math/rand source, to reproduce the FGD artifact draw for draw. */
export const RNG_GO: i32 = 1;
