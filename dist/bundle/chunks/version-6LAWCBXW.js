import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import"./chunk-YIAP3JO3.js";var o="0.1.0";export{o as VERSION};
//# sourceMappingURL=version-6LAWCBXW.js.map
