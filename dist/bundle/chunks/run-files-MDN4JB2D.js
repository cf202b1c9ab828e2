import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as a,c as b}from"./chunk-NERZR43M.js";import"./chunk-2XMJF7RK.js";import"./chunk-A4YHELVC.js";import"./chunk-QHEJZ76H.js";import"./chunk-ZZ3JXOI4.js";import"./chunk-SQ7IMOSX.js";import"./chunk-GGGR2K5Y.js";import"./chunk-7BEADR4U.js";import"./chunk-UDKXVVA6.js";import"./chunk-B7T54GY4.js";import"./chunk-RGQ2DFU4.js";import"./chunk-MUEFTU2Z.js";import"./chunk-YIAP3JO3.js";export{b as allowJsConfig,a as runFiles};
//# sourceMappingURL=run-files-MDN4JB2D.js.map
