import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as a,c as b}from"./chunk-Y7RT6VT4.js";import"./chunk-GGOZVLKB.js";import"./chunk-6ZK4HN2D.js";import"./chunk-ZYNQEJTO.js";import"./chunk-RGQ2DFU4.js";import"./chunk-3EI52FHM.js";import"./chunk-WZC6XFH4.js";import"./chunk-V2IUU6RN.js";import"./chunk-PIRO4NZ7.js";import"./chunk-YIAP3JO3.js";export{b as allowJsConfig,a as runFiles};
//# sourceMappingURL=run-files-C4C4QVCT.js.map
