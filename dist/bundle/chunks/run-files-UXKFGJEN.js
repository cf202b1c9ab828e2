import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as a,c as b}from"./chunk-QAZNLEXF.js";import"./chunk-J7DJYW4W.js";import"./chunk-2QDF2UPV.js";import"./chunk-RGQ2DFU4.js";import"./chunk-2QJM3YJM.js";import"./chunk-V2IUU6RN.js";import"./chunk-PIRO4NZ7.js";import"./chunk-YIAP3JO3.js";export{b as allowJsConfig,a as runFiles};
//# sourceMappingURL=run-files-UXKFGJEN.js.map
