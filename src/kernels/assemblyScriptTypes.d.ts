// AssemblyScript's integer types as TypeScript sees them, so that the host can import a
// kernel's constants file (wasm/<kernel>/constants.ts, written in the subset both compilers
// accept) as it is: each number shared by kernel and host has one source. Types only: the
// files imported hold nothing but `export const NAME: i32 = <integer expression>`.
type i32 = number;
type u8 = number;
