import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as i}from"./chunk-AXZDXOJI.js";import{b as n}from"./chunk-RGQ2DFU4.js";function c(t,r){for(let e of r)e.severity!=="info"&&t.stderr(`mesh-inject: ${i(e)}
`);let o=n([...r]);return o!==0&&t.stderr(`mesh-inject: ${r.filter(e=>e.severity==="error").length} error(s); nothing was written to stdout
`),o}function d(t,r){return t.stderr(`mesh-inject: ${r}
`),2}export{c as a,d as b};
//# sourceMappingURL=chunk-7ZKC4K34.js.map
