import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as a,c as b}from"./chunk-2B7GQSZS.js";import"./chunk-RQIWH7IY.js";import"./chunk-ZFED3LHF.js";import"./chunk-W52XEUGL.js";import"./chunk-ZZ3JXOI4.js";import"./chunk-WJEOIXFE.js";import"./chunk-TFRUN2BH.js";import"./chunk-ZL2H7DPI.js";import"./chunk-WY47OZHL.js";import"./chunk-B7T54GY4.js";import"./chunk-RGQ2DFU4.js";import"./chunk-PIRO4NZ7.js";import"./chunk-YIAP3JO3.js";export{b as allowJsConfig,a as runFiles};
//# sourceMappingURL=run-files-RHN4TW5Z.js.map
