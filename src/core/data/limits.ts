/**
 * How much data the loader reads, checked before anything is parsed: a file
 * over `maxFileBytes`, or one that takes the data past `maxTotalBytes`, is
 * reported (file and limit) and not read. YAML aliases may not expand a file
 * beyond `maxFileBytes` either. The defaults are many times what the curated
 * data needs (its largest file is under 100 KB, all of it under 0.5 MB).
 */
export interface DataLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
  /** Most topic files read from topics/. */
  maxTopicFiles: number;
}

export const DEFAULT_DATA_LIMITS: DataLimits = { maxFileBytes: 512 * 1024, maxTotalBytes: 8 * 1024 * 1024, maxTopicFiles: 500 };

/** A byte count as people read it: "512 KB", "10.0 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
