/** File names that editors and version control churn but that never change what mockdock serves. */

const NOISE_NAMES = new Set(['.git', '.hg', '.svn', '.DS_Store', 'Thumbs.db']);

// Kept narrow on purpose: a name missed here costs one needless reload, a name wrongly listed
// here is a change never seen. Dot-names in general are NOT noise: a Kubernetes ConfigMap
// update is a swap of its `..data` link.
const NOISE_PATTERNS: readonly RegExp[] = [
  /^\..+\.sw[a-px]$/, // vim swap files, rewritten every few seconds while you type
  /~$/, // backups left by vim, emacs, gedit, nano
  /^\.#/, // emacs lock links
  /^#.*#$/, // emacs auto-saves
  /___jb_(?:tmp|old)___$/, // JetBrains "safe write" temporaries
  /\.kate-swp$/, // Kate swap files
  /^\.goutputstream-/, // GNOME editors' temporaries
  /^\.subl.*\.tmp$/, // Sublime Text temporaries
];

/** True for a base name the watcher should not report (nor descend into, for a folder). */
export function isWatchNoise(baseName: string): boolean {
  return NOISE_NAMES.has(baseName) || NOISE_PATTERNS.some((pattern) => pattern.test(baseName));
}
