import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as a,c as b}from"./chunk-4673P6S7.js";import"./chunk-FHKHFDYN.js";import"./chunk-C3W7SPNJ.js";import"./chunk-RVOI7I7D.js";import"./chunk-KNE3K23H.js";import"./chunk-KVO2XZIV.js";import"./chunk-6JXSOZCE.js";import"./chunk-LD4TXPW5.js";import"./chunk-SUGBJNIV.js";import"./chunk-KLSBMPX6.js";import"./chunk-RGQ2DFU4.js";import"./chunk-MVXJMKEE.js";import"./chunk-YIAP3JO3.js";export{b as allowJsConfig,a as runFiles};
//# sourceMappingURL=run-files-CZUH42RG.js.map
