import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as a,c as b}from"./chunk-PXO4KQJT.js";import"./chunk-4QSUFPD4.js";import"./chunk-6GI6JKBS.js";import"./chunk-6NPZ6YJN.js";import"./chunk-KNE3K23H.js";import"./chunk-ESHMD4AU.js";import"./chunk-DWC54NTB.js";import"./chunk-BHIXPQS5.js";import"./chunk-MRTIHUNY.js";import"./chunk-KLSBMPX6.js";import"./chunk-RGQ2DFU4.js";import"./chunk-25XTTRAP.js";import"./chunk-YIAP3JO3.js";export{b as allowJsConfig,a as runFiles};
//# sourceMappingURL=run-files-F4LQGWAG.js.map
