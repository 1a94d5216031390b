// AssemblyScript's integer types as TypeScript sees them, so that the host can import the
// kernels' shared constants files as they are (wasm/raft/constants.ts, wasm/gpupool/constants.ts,
// wasm/lib/rngKinds.ts, written in the subset both compilers accept): each number shared by
// kernel and host has one source. Those files hold nothing but `export const NAME: i32 = <integer
// expression>`.
type i32 = number;
type u8 = number;
