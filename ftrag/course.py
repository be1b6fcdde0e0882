"""The course's one table of contents (course.yml at the top of the course kit): order, titles, where each part is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Part:
    """One notebook of the course: a concept notebook, or a lab (worked solution + learner copy)."""

    id: str
    title: str
    you_will: str
    reading: int
    worked: bool = False  # a worked version exists in solutions/ and the learner's copy is generated from it

    @property
    def is_lab(self) -> bool:
        """Labs have a worked solution and a generated learner copy."""
        return learner_path(self.id).startswith("labs/")

    @property
    def path(self) -> str:
        """Where a learner opens it: notebooks/<id>.ipynb, or labs/<id>.ipynb for a lab."""
        return learner_path(self.id)

    @property
    def solution(self) -> str | None:
        """The worked version (solutions/<id>.ipynb) of a lab or of a concept notebook with exercises, else None."""
        return f"solutions/{self.id}.ipynb" if self.is_lab or self.worked else None

    @property
    def runs(self) -> str:
        """The notebook the test run executes: the worked version, or the notebook itself where it has none."""
        return self.solution or self.path


def learner_path(part_id: str) -> str:
    """The learner's copy of a part: labs/<id>.ipynb for a lab, notebooks/<id>.ipynb otherwise."""
    return f"{'labs' if part_id.startswith('lab') else 'notebooks'}/{part_id}.ipynb"


def parts(root: Path = ROOT) -> list[Part]:
    """Every part of the course, in order."""
    import yaml

    rows = yaml.safe_load((root / "course.yml").read_text(encoding="utf-8"))
    worked = {p.stem for p in (root / "solutions").glob("*.ipynb")}
    found = [Part(r["id"], r["title"], r["you_will"], int(r["reading"]), r["id"] in worked) for r in rows]
    if len({p.id for p in found}) != len(found):
        raise ValueError("course.yml lists a part twice.")
    return found


def next_part(part_id: str, root: Path = ROOT) -> Part | None:
    """The part after `part_id`, or None after the last one."""
    order = parts(root)
    ids = [p.id for p in order]
    if part_id not in ids:
        raise KeyError(f"{part_id!r} is not in course.yml; the parts are {ids}.")
    i = ids.index(part_id)
    return order[i + 1] if i + 1 < len(order) else None


def course_map(prefix: str = "", root: Path = ROOT) -> str:
    """The course map as a Markdown table (step, part, what you will do); links start with `prefix` (e.g. "../")."""
    lines = ["| step | part | you will |", "|---|---|---|"]
    lines += [f"| {n} | [{p.title}]({prefix}{p.path}) | {p.you_will} |" for n, p in enumerate(parts(root), start=1)]
    return "\n".join(lines)
