"""Write deploy/repo2docker.Dockerfile: the Dockerfile repo2docker generates from binder/, for review.

    python deploy/make_dockerfile.py --repo2docker /tmp/r2d/bin/jupyter-repo2docker   # regenerate (needs repo2docker)
    python deploy/make_dockerfile.py --check                                        # offline: binder/ unchanged?

repo2docker is the tool mybinder.org uses; `--no-build` makes it print the Dockerfile it would build without a
Docker engine. The file is for reading (what goes into the course image, in which order); build the image with
repo2docker itself, which also assembles the build context (build_script_files/, src/) that the Dockerfile copies
from. The header records the repo2docker version and a sha256 of every file in binder/, so `--check` (and
tests/test_instructor.py) notice when binder/ changed and the Dockerfile must be regenerated.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "deploy" / "repo2docker.Dockerfile"
IMAGE = "ftrag-course"
# repo2docker names the scripts it copies after their full path on the machine that ran it (escaped);
# keep only the part inside the repo2docker package so the file does not depend on where repo2docker is installed.
_SCRIPT = re.compile(r"build_script_files/\S*?-2frepo2docker-2f")


# The pins inside binder/requirements.txt (the lock, rewritten by `make lock`) do not change the Dockerfile, which
# only runs `pip install -r binder/requirements.txt`; every other binder/ file can.
PINS_ONLY = ("binder/requirements.txt",)


def binder_hashes(root: Path = ROOT) -> dict[str, str]:
    """sha256 of every binder/ file that shapes the Dockerfile (repo2docker reads only binder/ when it exists)."""
    folder = root / "binder"
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(root).as_posix() not in PINS_ONLY
    }


def header(version: str, hashes: dict[str, str]) -> str:
    """The comment block at the top of the generated file."""
    lines = [
        "# GENERATED: do not edit. Written by `python deploy/make_dockerfile.py` from the output of",
        f"#   jupyter-repo2docker --no-build --debug --image-name {IMAGE} .",
        f"# with jupyter-repo2docker {version}, from these files (repo2docker reads only binder/ when it exists):",
    ]
    lines += [f"#   {path} sha256:{digest}" for path, digest in hashes.items()]
    lines += [
        "# For review only: build the image with repo2docker (see instructor/jupyterhub.md), which also assembles the",
        "# build context this file copies from (build_script_files/, src/). The script names under build_script_files/",
        "# are shortened to their path inside the repo2docker package.",
        "",
    ]
    return "\n".join(lines)


def recorded(text: str) -> tuple[str, dict[str, str]]:
    """The repo2docker version and the binder/ hashes a generated file records."""
    version = re.search(r"^# with jupyter-repo2docker (\S+),", text, re.M)
    hashes = dict(re.findall(r"^#   (binder/\S+) sha256:([0-9a-f]{64})$", text, re.M))
    return (version[1] if version else ""), hashes


def generate(repo2docker: str, root: Path = ROOT) -> str:
    """Run repo2docker without building and return the file this script writes."""
    version = subprocess.run([repo2docker, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    cmd = [repo2docker, "--no-build", "--debug", "--image-name", IMAGE, "."]
    done = subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=True)
    body = _SCRIPT.sub("build_script_files/<repo2docker>/", done.stdout).strip() + "\n"
    if "FROM " not in body:
        raise RuntimeError(f"repo2docker printed no Dockerfile:\n{done.stderr[-2000:]}")
    return header(version, binder_hashes(root)) + body


def check(root: Path = ROOT, out: Path = OUT) -> list[str]:
    """What is stale, offline: the file is missing, or a binder/ file changed, appeared or went since it was made."""
    if not out.exists():
        return [f"{out.relative_to(root)} is missing"]
    version, hashes = recorded(out.read_text(encoding="utf-8"))
    now = binder_hashes(root)
    problems = [f"{path} changed" for path in now if path in hashes and hashes[path] != now[path]]
    problems += [f"{path} is new" for path in now if path not in hashes]
    problems += [f"{path} is gone" for path in hashes if path not in now]
    if not version:
        problems.append("the header names no repo2docker version")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate, or --check offline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if binder/ changed since the file was generated")
    parser.add_argument("--repo2docker", default="jupyter-repo2docker", help="the jupyter-repo2docker executable")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for p in problems:
            print(f"{OUT.relative_to(ROOT)} is stale: {p}; regenerate it (see its header).")
        return 1 if problems else 0
    try:
        text = generate(args.repo2docker)
    except (OSError, subprocess.CalledProcessError) as err:
        print(f"make_dockerfile: could not run repo2docker ({err}); install it in a throw-away venv:", file=sys.stderr)
        print("  python3 -m venv /tmp/r2d && /tmp/r2d/bin/pip install jupyter-repo2docker", file=sys.stderr)
        return 2
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
