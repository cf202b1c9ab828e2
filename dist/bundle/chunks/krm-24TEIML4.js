import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b}from"./chunk-6XHXK7E4.js";import"./chunk-C3UBXFEL.js";import"./chunk-NSWCUGBK.js";import"./chunk-ESHMD4AU.js";import"./chunk-DWC54NTB.js";import"./chunk-BHIXPQS5.js";import"./chunk-MRTIHUNY.js";import"./chunk-KLSBMPX6.js";import"./chunk-RGQ2DFU4.js";import"./chunk-25XTTRAP.js";import"./chunk-YIAP3JO3.js";export{a as runKrmFunction,b as runKrmOnText};
//# sourceMappingURL=krm-24TEIML4.js.map
