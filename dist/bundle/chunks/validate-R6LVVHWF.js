import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{v as a,w as b,x as c}from"./chunk-EMX2AD7S.js";import"./chunk-L5HYG25G.js";import"./chunk-YIAP3JO3.js";export{b as contextFor,a as validateConfig,c as validateWithContext};
//# sourceMappingURL=validate-R6LVVHWF.js.map
