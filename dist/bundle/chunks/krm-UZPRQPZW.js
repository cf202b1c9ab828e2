import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b}from"./chunk-DDVMCO2X.js";import"./chunk-LEH22VLK.js";import"./chunk-I5DWBAM6.js";import"./chunk-KVO2XZIV.js";import"./chunk-6JXSOZCE.js";import"./chunk-LD4TXPW5.js";import"./chunk-SUGBJNIV.js";import"./chunk-KLSBMPX6.js";import"./chunk-RGQ2DFU4.js";import"./chunk-MVXJMKEE.js";import"./chunk-YIAP3JO3.js";export{a as runKrmFunction,b as runKrmOnText};
//# sourceMappingURL=krm-UZPRQPZW.js.map
