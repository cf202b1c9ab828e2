import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
var o=class extends Error{exitCode=2};function n(r){let t=r.filter(e=>e.severity==="error");return t.length?t.every(e=>e.code==="internal-error")?1:2:0}export{o as a,n as b};
//# sourceMappingURL=chunk-RGQ2DFU4.js.map
