# Shared settings and helpers for the scripts under tools/.  Source it.
# Every path a script needs is defined here, once.

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$top/build}
cache=${FS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/frontswap-series}
tree=$build/linux
patches=$top/patches
kbuild=$build/kbuild
kbuild_debug=$build/kbuild-debug
logs=$build/logs
# The author of the series; `make AUTHOR="Name <mail>"` overrides it.
author=${AUTHOR:-Frontswap Modules <frontswap-modules@example.org>}

# Kernel scripts (checkpatch's spdxcheck) need Debian's python3 modules.
export PATH=/usr/bin:$PATH

t0=${STAGE_T0:-$(date +%s)}
export STAGE_T0=$t0

# One line per stage, with the time since the command started.
stage() { printf '[%4ss] %s\n' "$(( $(date +%s) - t0 ))" "$*"; }
die() { echo "error: $*" >&2; exit 1; }

git_tree() { git -C "$tree" -c user.name="${author% <*}" -c user.email="$(echo "$author" | sed 's/.*<\(.*\)>.*/\1/')" "$@"; }
