import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as a,c as b}from"./chunk-MFW2FVSX.js";import"./chunk-2XWOAW4W.js";import"./chunk-6ZK4HN2D.js";import"./chunk-ZYNQEJTO.js";import"./chunk-RGQ2DFU4.js";import"./chunk-AURE3OMX.js";import"./chunk-QXZAU3IJ.js";import"./chunk-V2IUU6RN.js";import"./chunk-PIRO4NZ7.js";import"./chunk-YIAP3JO3.js";export{b as allowJsConfig,a as runFiles};
//# sourceMappingURL=run-files-U6CRQO4Y.js.map
