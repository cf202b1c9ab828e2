import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as a,c as b}from"./chunk-YDKX2ERY.js";import"./chunk-UZOTZL5K.js";import"./chunk-6WSTM5IW.js";import"./chunk-6OSCM3RZ.js";import"./chunk-RK5NYMNQ.js";import"./chunk-IN25RGXY.js";import"./chunk-2OATUU5I.js";import"./chunk-VJHWFES3.js";import"./chunk-XG5KR3XL.js";import"./chunk-LEJBU35X.js";import"./chunk-RGQ2DFU4.js";import"./chunk-H5DIAZG2.js";import"./chunk-YIAP3JO3.js";export{b as allowJsConfig,a as runFiles};
//# sourceMappingURL=run-files-DIDXFEA3.js.map
