import { defineConfig } from 'vite';

// The Node CLI, bundled to build/cli/ beside build/wasm/ so it loads the same .wasm as the app.
export default defineConfig({
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'build/cli',
    emptyOutDir: true,
    minify: false,
    rolldownOptions: {
      input: { hlab: 'src/cli/main.ts', 'sweep-worker': 'src/kernels/gpupool/cliSweepWorker.ts', bench: 'bench/gpupool.ts', 'bench-raft': 'bench/raft.ts', 'bench-linearizability': 'bench/linearizability.ts', 'bench-raft-p9': 'bench/raftP9.ts', 'bench-logindex': 'bench/logindex.ts', 'bench-vcpu': 'bench/vcpu.ts', 'bench-net': 'bench/net.ts' },
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
    },
  },
});
