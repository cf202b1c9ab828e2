import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b}from"./chunk-2DBBTW3F.js";import"./chunk-P27OV5BT.js";import"./chunk-3P725EOP.js";import"./chunk-WJEOIXFE.js";import"./chunk-2BSB5ZO5.js";import"./chunk-ZL2H7DPI.js";import"./chunk-WY47OZHL.js";import"./chunk-B7T54GY4.js";import"./chunk-RGQ2DFU4.js";import"./chunk-PIRO4NZ7.js";import"./chunk-YIAP3JO3.js";export{a as runKrmFunction,b as runKrmOnText};
//# sourceMappingURL=krm-CQEHZVGO.js.map
