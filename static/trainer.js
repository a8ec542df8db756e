// The training worker (src/worker.rs): the app's own module, started in a worker, where it trains
// for the page instead of drawing it. The page names the module's two files, as trunk wrote them
// into the page with hashes in their names, in the worker's name ("glue.js module_bg.wasm"); the
// browser has them already, so the worker costs no second download.
const [glue, wasm] = self.name.split(' ');
const bindings = await import(glue);
await bindings.default({ module_or_path: wasm });
