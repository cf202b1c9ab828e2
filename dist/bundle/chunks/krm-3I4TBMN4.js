import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b}from"./chunk-F2NA4ZV5.js";import"./chunk-IJVJQ67W.js";import"./chunk-QS5DAVMK.js";import"./chunk-CO56BK5N.js";import"./chunk-PFHVFYX5.js";import"./chunk-PN7QXFTX.js";import"./chunk-ZYP6IW3U.js";import"./chunk-LEJBU35X.js";import"./chunk-RGQ2DFU4.js";import"./chunk-IL6CJ2RZ.js";import"./chunk-YIAP3JO3.js";export{a as runKrmFunction,b as runKrmOnText};
//# sourceMappingURL=krm-3I4TBMN4.js.map
