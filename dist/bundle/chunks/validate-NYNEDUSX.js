import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{v as a,w as b,x as c}from"./chunk-6ZURKJVJ.js";import"./chunk-PNOXM3P2.js";import"./chunk-YIAP3JO3.js";export{b as contextFor,a as validateConfig,c as validateWithContext};
//# sourceMappingURL=validate-NYNEDUSX.js.map
