import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b}from"./chunk-QBXJ7O74.js";import"./chunk-H5U2RBIZ.js";import"./chunk-5HCRO3VH.js";import"./chunk-4HBVZJ2G.js";import"./chunk-IGBRPMNK.js";import"./chunk-XUFOMGSR.js";import"./chunk-KD26U2XA.js";import"./chunk-KLSBMPX6.js";import"./chunk-RGQ2DFU4.js";import"./chunk-UNUWOCTR.js";import"./chunk-YIAP3JO3.js";export{a as runKrmFunction,b as runKrmOnText};
//# sourceMappingURL=krm-5BTD52GF.js.map
