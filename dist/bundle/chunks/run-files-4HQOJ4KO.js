import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as a,c as b}from"./chunk-W7FMEWQF.js";import"./chunk-2XDE7PBW.js";import"./chunk-C3W7SPNJ.js";import"./chunk-RVOI7I7D.js";import"./chunk-KNE3K23H.js";import"./chunk-KVO2XZIV.js";import"./chunk-HXHVZ7B7.js";import"./chunk-OCRGDXJD.js";import"./chunk-SUGBJNIV.js";import"./chunk-KLSBMPX6.js";import"./chunk-RGQ2DFU4.js";import"./chunk-MVXJMKEE.js";import"./chunk-YIAP3JO3.js";export{b as allowJsConfig,a as runFiles};
//# sourceMappingURL=run-files-4HQOJ4KO.js.map
