import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
function e(t){return`${t} is larger than ${67108864/1024/1024} MiB; mesh-inject does not read inputs this large (split the manifests)`}export{e as a};
//# sourceMappingURL=chunk-AKY4KHAV.js.map
