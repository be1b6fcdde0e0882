#!/usr/bin/env bash
# Put the "Fine-tune or RAG?" course on a The Littlest JupyterHub (TLJH) server: one machine for a room.
# Run as root on the server after TLJH itself is installed (instructor/jupyterhub.md, "One server: TLJH"):
#
#   sudo COURSE_REPO=https://github.com/<you>/course-kit COURSE_REF=<commit or tag> bash deploy/tljh-setup.sh
#
# It clones the kit at the commit you teach into /srv/course-kit, installs it into TLJH's shared user environment
# (CPU-only torch), converts the generator once into /srv/ftrag-models (shared, read-only), gives each learner a
# copy of the notebooks when TLJH creates their account, and sets per-learner limits and idle culling sized from
# docs/performance.md. Safe to run again, e.g. with another COURSE_REF (learners' existing copies are kept).
set -euo pipefail

: "${COURSE_REPO:?set COURSE_REPO to the git URL of the kit}"
: "${COURSE_REF:?set COURSE_REF to the commit or tag you teach}"
COURSE_DIR=${COURSE_DIR:-/srv/course-kit}
MODELS_DIR=${MODELS_DIR:-/srv/ftrag-models}
MEMORY_LIMIT=${MEMORY_LIMIT:-3G}   # every notebook peaks under 2 GB (docs/performance.md); room for a second kernel
CPU_LIMIT=${CPU_LIMIT:-2}          # the 2 cores the benchmark measured with
CULL_TIMEOUT=${CULL_TIMEOUT:-5400} # 90 minutes idle: longer than the lunch break of the full-day agenda
USER_ENV=/opt/tljh/user
TORCH_INDEX=https://download.pytorch.org/whl/cpu
HERE=$(cd "$(dirname "$0")" && pwd)

if [ "$(id -u)" != 0 ]; then
  echo "Run as root: sudo COURSE_REPO=... COURSE_REF=... bash $0" >&2
  exit 1
fi
if ! command -v tljh-config >/dev/null 2>&1 || [ ! -x "$USER_ENV/bin/python" ]; then
  echo "TLJH is not installed on this machine: install it first (instructor/jupyterhub.md)." >&2
  exit 1
fi

echo "1/5 the kit at $COURSE_REF in $COURSE_DIR"
if [ ! -d "$COURSE_DIR/.git" ]; then
  git clone --quiet "$COURSE_REPO" "$COURSE_DIR"
fi
git -C "$COURSE_DIR" fetch --quiet --tags origin
git -C "$COURSE_DIR" checkout --quiet --detach "$COURSE_REF"
chmod -R a+rX "$COURSE_DIR"

echo "2/5 install into TLJH's user environment (every learner's kernel runs there)"
# The lock's `-e .` installs the kit from $COURSE_DIR itself, so its data/ folder is found.
(cd "$COURSE_DIR" && "$USER_ENV/bin/python" -m pip install --quiet --extra-index-url "$TORCH_INDEX" -r requirements.txt)

echo "3/5 convert the generator once into $MODELS_DIR (shared, read-only)"
FTRAG_CACHE_DIR="$MODELS_DIR" HF_HUB_OFFLINE=1 "$USER_ENV/bin/python" -m ftrag.models fetch
chmod -R a+rX "$MODELS_DIR"

echo "4/5 a copy of the notebooks for every learner (/etc/skel: TLJH creates accounts at first login)"
SKEL=/etc/skel/course-kit
rm -rf "$SKEL"
mkdir -p "$SKEL/docs"
cp -r "$COURSE_DIR/notebooks" "$COURSE_DIR/labs" "$COURSE_DIR/solutions" "$SKEL/"
cp "$COURSE_DIR/docs/performance.md" "$SKEL/docs/"
for home in /home/jupyter-*; do # accounts that exist already (yours, after a test login) get it too
  [ -d "$home" ] || continue
  if [ ! -e "$home/course-kit" ]; then
    cp -r "$SKEL" "$home/course-kit"
    chown -R "$(basename "$home"):" "$home/course-kit"
  fi
done

echo "5/5 per-learner limits, idle culling, environment"
sed "s|^MODELS_DIR = .*|MODELS_DIR = \"$MODELS_DIR\"|" "$HERE/tljh-ftrag-course.py" \
  >/opt/tljh/config/jupyterhub_config.d/ftrag-course.py
tljh-config set limits.memory "$MEMORY_LIMIT"
tljh-config set limits.cpu "$CPU_LIMIT"
tljh-config set services.cull.timeout "$CULL_TIMEOUT"
tljh-config set services.cull.every 300
tljh-config set user_environment.default_app jupyterlab
tljh-config reload

cores=$(nproc)
mem_gb=$(awk '/MemTotal/ {printf "%d", $2 / 1024 / 1024}' /proc/meminfo)
echo "Done. This machine: $cores cores, $mem_gb GB of memory."
echo "For the agendas' x1.5 factor, plan about $((cores * 2 / 3)) learners running a lab at once (1.5 cores each);"
echo "memory allows about $(((mem_gb - 4) / 2)) (2 GB of peak each, 4 GB kept for the system and the hub)."
echo "Log in as a learner and run notebooks/00_start_here.ipynb to the end before the workshop."
