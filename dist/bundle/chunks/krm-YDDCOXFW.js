import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b}from"./chunk-2LLSDCO2.js";import"./chunk-EVBUBAJC.js";import"./chunk-NWBGM2GO.js";import"./chunk-WJEOIXFE.js";import"./chunk-TFRUN2BH.js";import"./chunk-ZL2H7DPI.js";import"./chunk-WY47OZHL.js";import"./chunk-B7T54GY4.js";import"./chunk-RGQ2DFU4.js";import"./chunk-PIRO4NZ7.js";import"./chunk-YIAP3JO3.js";export{a as runKrmFunction,b as runKrmOnText};
//# sourceMappingURL=krm-YDDCOXFW.js.map
