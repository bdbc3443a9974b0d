// The auto-layout's worker: elkjs's own worker script, which answers the messages of the ELK
// instance in run-layout.ts. Laying out 300 nodes takes long enough to drop frames on the main
// thread; here it does not.
import 'elkjs/lib/elk-worker.min.js';
