import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b}from"./chunk-WCZFRQZX.js";import"./chunk-C3UBXFEL.js";import"./chunk-NSWCUGBK.js";import"./chunk-ESHMD4AU.js";import"./chunk-NNKWD6ND.js";import"./chunk-ISET6W5U.js";import"./chunk-MRTIHUNY.js";import"./chunk-KLSBMPX6.js";import"./chunk-RGQ2DFU4.js";import"./chunk-25XTTRAP.js";import"./chunk-YIAP3JO3.js";export{a as runKrmFunction,b as runKrmOnText};
//# sourceMappingURL=krm-R6NP32VX.js.map
