import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b}from"./chunk-PHOBAYV6.js";import"./chunk-EVBUBAJC.js";import"./chunk-NWBGM2GO.js";import"./chunk-WJEOIXFE.js";import"./chunk-YIG4PTBL.js";import"./chunk-TOF2G7EG.js";import"./chunk-WY47OZHL.js";import"./chunk-B7T54GY4.js";import"./chunk-RGQ2DFU4.js";import"./chunk-PIRO4NZ7.js";import"./chunk-YIAP3JO3.js";export{a as runKrmFunction,b as runKrmOnText};
//# sourceMappingURL=krm-X6NKVXVB.js.map
