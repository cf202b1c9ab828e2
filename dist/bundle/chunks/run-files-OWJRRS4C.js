import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as a,c as b}from"./chunk-4EFZLDMY.js";import"./chunk-JUDT5Z4L.js";import"./chunk-Q2E6HDZP.js";import"./chunk-ZKR3CILX.js";import"./chunk-RK5NYMNQ.js";import"./chunk-NFBNOP2F.js";import"./chunk-PRFELCYC.js";import"./chunk-R2D4XF4Y.js";import"./chunk-QK3E46YK.js";import"./chunk-LEJBU35X.js";import"./chunk-RGQ2DFU4.js";import"./chunk-L5HYG25G.js";import"./chunk-YIAP3JO3.js";export{b as allowJsConfig,a as runFiles};
//# sourceMappingURL=run-files-OWJRRS4C.js.map
