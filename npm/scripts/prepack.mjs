// Run by `npm pack` and `npm publish` before they pack: a fresh dist/ from src/, and the repository's
// LICENSE and NOTICE beside package.json (npm packs no symbolic link; the copies are ignored by git).
import { copyFileSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";

const here = new URL("../", import.meta.url);
rmSync(new URL("dist", here), { recursive: true, force: true });
execFileSync(process.execPath, [new URL("node_modules/typescript/bin/tsc", here).pathname, "-p", new URL("tsconfig.json", here).pathname], {
  stdio: "inherit",
});
for (const name of ["LICENSE", "NOTICE"]) {
  copyFileSync(new URL(`../${name}`, here), new URL(name, here));
}
