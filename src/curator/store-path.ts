import { statfsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Kernel filesystems that look like files but are not storage (statfs f_type). */
const PSEUDO_FILESYSTEMS = new Map<number, string>([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0xcafe4a11, 'bpf'],
  [0x6e736673, 'nsfs'],
]);

/**
 * Why a database path cannot hold a database, or undefined when it may: the
 * file, if it exists, must be a regular file, and the nearest existing folder
 * above it must be on a real filesystem (not /proc, /sys, /dev/pts…, where
 * SQLite can fail in odd ways or spin). Cheap and synchronous; the open
 * itself still runs under a deadline (store-check.ts).
 */
export function storePathProblem(path: string): string | undefined {
  if (path === ':memory:' || path === '') return undefined;
  const full = resolve(path);
  try {
    const stat = statSync(full);
    if (!stat.isFile()) return `${path} exists and is not a regular file`;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return `${path} cannot be examined (${(err as NodeJS.ErrnoException).code})`;
  }
  let dir = dirname(full);
  for (;;) {
    try {
      const kind = PSEUDO_FILESYSTEMS.get(statfsSync(dir).type);
      return kind ? `${path} is on a ${kind} filesystem, which cannot hold a database: choose a path on a disk` : undefined;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return `${path}: its folder cannot be examined (${code})`;
      const up = dirname(dir);
      if (up === dir) return undefined;
      dir = up;
    }
  }
}
