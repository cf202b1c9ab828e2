import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as a,c as b}from"./chunk-E36ZV7XL.js";import"./chunk-QA3CTEUX.js";import"./chunk-6QLV76TH.js";import"./chunk-KP3IV7DO.js";import"./chunk-RK5NYMNQ.js";import"./chunk-CO56BK5N.js";import"./chunk-PFHVFYX5.js";import"./chunk-PN7QXFTX.js";import"./chunk-ZYP6IW3U.js";import"./chunk-LEJBU35X.js";import"./chunk-RGQ2DFU4.js";import"./chunk-IL6CJ2RZ.js";import"./chunk-YIAP3JO3.js";export{b as allowJsConfig,a as runFiles};
//# sourceMappingURL=run-files-MI427QPJ.js.map
