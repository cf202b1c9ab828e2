import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as a,c as b}from"./chunk-7HFW26VO.js";import"./chunk-SMT754ZA.js";import"./chunk-C3W7SPNJ.js";import"./chunk-RVOI7I7D.js";import"./chunk-KNE3K23H.js";import"./chunk-KVO2XZIV.js";import"./chunk-3WBSASXT.js";import"./chunk-QRAF3PUV.js";import"./chunk-SUGBJNIV.js";import"./chunk-KLSBMPX6.js";import"./chunk-RGQ2DFU4.js";import"./chunk-MVXJMKEE.js";import"./chunk-YIAP3JO3.js";export{b as allowJsConfig,a as runFiles};
//# sourceMappingURL=run-files-UMCSRDAP.js.map
