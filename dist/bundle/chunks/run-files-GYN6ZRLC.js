import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as a,c as b}from"./chunk-XNK3H44Z.js";import"./chunk-RQIWH7IY.js";import"./chunk-BJ3O3BXG.js";import"./chunk-7Q7A45KS.js";import"./chunk-ZZ3JXOI4.js";import"./chunk-WJEOIXFE.js";import"./chunk-2BSB5ZO5.js";import"./chunk-ZL2H7DPI.js";import"./chunk-WY47OZHL.js";import"./chunk-B7T54GY4.js";import"./chunk-RGQ2DFU4.js";import"./chunk-PIRO4NZ7.js";import"./chunk-YIAP3JO3.js";export{b as allowJsConfig,a as runFiles};
//# sourceMappingURL=run-files-GYN6ZRLC.js.map
