import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b}from"./chunk-QGSFZCKK.js";import"./chunk-TDSWG32L.js";import"./chunk-O4C7S7KY.js";import"./chunk-SQ7IMOSX.js";import"./chunk-GGGR2K5Y.js";import"./chunk-7BEADR4U.js";import"./chunk-UDKXVVA6.js";import"./chunk-B7T54GY4.js";import"./chunk-RGQ2DFU4.js";import"./chunk-MUEFTU2Z.js";import"./chunk-YIAP3JO3.js";export{a as runKrmFunction,b as runKrmOnText};
//# sourceMappingURL=krm-BYF45QZ4.js.map
