import module from "node:module";

// A worker thread loads its modules anew: reuse the compiled code cached on disk, as bin/hum.js does.
module.enableCompileCache?.();
await import("./synth-worker-loop.ts");
