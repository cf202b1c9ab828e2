import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as a,c as b}from"./chunk-KKDIM4RC.js";import"./chunk-P6DX3MNT.js";import"./chunk-GLWMGBUI.js";import"./chunk-2S2RQ56Q.js";import"./chunk-KNE3K23H.js";import"./chunk-4HBVZJ2G.js";import"./chunk-IGBRPMNK.js";import"./chunk-XUFOMGSR.js";import"./chunk-KD26U2XA.js";import"./chunk-KLSBMPX6.js";import"./chunk-RGQ2DFU4.js";import"./chunk-UNUWOCTR.js";import"./chunk-YIAP3JO3.js";export{b as allowJsConfig,a as runFiles};
//# sourceMappingURL=run-files-VOQCLJ7H.js.map
