// Finds an external tool (promtool, prometheus, kubectl) so a test can skip, saying why, when the
// machine lacks it (.ci/run installs prometheus with apt-get; kubectl may be missing on CI).
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export function which(tool: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    const p = join(dir, tool);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export function missingToolMessage(tool: string, pkg: string): string {
  return `${tool} not found on PATH: skipping (install the Debian package ${pkg})`;
}
