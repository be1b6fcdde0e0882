"""Thin ipywidgets layer over `ftrag.decide` and `ftrag.quiz` (works with ipywidgets 7 and 8).

Each widget is a class that exposes its controls as attributes and shows its result in an `HTML`
(or `Output`) attribute, so tests can set values and read what a learner would see. Display one by
leaving it as the last expression of a cell (or `display(w)`); `w.ui` is the top-level box.

CSS classes (set with `add_class`, for browser tests and styling):

DecisionWidget (the three questions)
    ftrag-decide                    the whole widget
    ftrag-decide-q1 / -q2 / -q3     the Yes/No toggle buttons of question 1, 2, 3
                                    (also ftrag-q-knowledge, ftrag-q-behaviour, ftrag-q-examples)
    ftrag-decide-count              optional text field: exact number of labelled examples
    ftrag-decide-recommendation     the recommendation shown (also ftrag-recommendation)
    ftrag-decide-message            a visible message about a bad value (empty when all is fine)
    ftrag-decide-evidence           the learner's measured evidence (`lab_results=`) and other figures (`measured=`)
ScorecardWidget ("when each shines")
    ftrag-scorecard, ftrag-scorecard-<sign id> (each checkbox), ftrag-scorecard-result
CostCalculator: see `ftrag.widgets.cost`.
QuizWidget (scenario quiz, one scenario at a time)
    ftrag-quiz, ftrag-quiz-scenario, ftrag-quiz-choices (toggle buttons: RAG, Fine-tuning, Both, Prompting first),
    ftrag-quiz-feedback, ftrag-quiz-progress, ftrag-quiz-prev, ftrag-quiz-next

Feeding measured numbers in:
    DecisionWidget(lab_results=ftrag.results.lab_figures())
        shows each comparison the labs saved (which lab, what, on how many, which direction is better) beside the
        recommendation, marks those that bear on the questions walked, and says which lab to run for the rest.
    DecisionWidget(measured={"labeled_examples": 300, "knowledge_changes": True, ...})
        `knowledge_changes` / `change_behavior` (bool) and `labeled_examples` (int) pre-answer the questions;
        any other numeric entry is listed under its own name as "other figures passed in".
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets

from ftrag import decide, findings, quiz
from ftrag.plots import colour
from ftrag.results import read_number
from ftrag.validate import check_count
from ftrag.widgets.base import CSS, YES_NO, Displayable, classes, label, warn


def parse_count(text: str) -> int | None:
    """Parse an optional whole number >= 0 typed by a learner; '' -> None; anything else raises ValueError."""
    text = text.strip().replace(",", "").replace("_", "")
    if not text:
        return None
    if not text.isdigit():
        raise ValueError("Type a whole number of 0 or more (or leave the field empty).")
    return int(text)


class DecisionWidget(Displayable):
    """The article's three questions as toggle buttons; shows the recommendation of `decide.recommend()`."""

    def __init__(
        self,
        measured: Mapping[str, Any] | None = None,
        lab_results: Mapping[str, Mapping[str, Any] | None] | None = None,
    ) -> None:
        """Build the controls; `measured` may pre-answer questions, `lab_results` adds evidence (module docstring)."""
        measured = dict(measured or {})
        for key in ("knowledge_changes", "change_behavior"):
            if key in measured and not isinstance(measured[key], bool):
                raise TypeError(f"measured[{key!r}] must be True or False, got {measured[key]!r}.")
        if "labeled_examples" in measured:
            check_count(measured["labeled_examples"], "measured['labeled_examples']")
        self.measured = measured
        self.lab_results = lab_results
        self.evidence_items = findings.findings(lab_results) if lab_results is not None else []
        self.missing = findings.missing_findings(lab_results) if lab_results is not None else []
        self._syncing = False
        self.q1 = classes(widgets.ToggleButtons(options=YES_NO, index=None), "ftrag-decide-q1", "ftrag-q-knowledge")
        self.q2 = classes(widgets.ToggleButtons(options=YES_NO, index=None), "ftrag-decide-q2", "ftrag-q-behaviour")
        self.q3 = classes(
            widgets.ToggleButtons(options=[("Yes, more than 1,000", True), ("No, 1,000 or fewer", False)], index=None),
            "ftrag-decide-q3",
            "ftrag-q-examples",
        )
        self.q3.style.button_width = "auto"
        self.count = classes(
            widgets.Text(value="", placeholder="optional: how many?", description="Exact count:"),
            "ftrag-decide-count",
        )
        self.count.style.description_width = "initial"
        self.message = classes(widgets.HTML(""), "ftrag-decide-message")
        self.recommendation = classes(widgets.HTML(""), "ftrag-decide-recommendation", "ftrag-recommendation")
        self.evidence = classes(widgets.HTML(self._evidence_html(())), "ftrag-decide-evidence")
        if "knowledge_changes" in measured:
            self.q1.value = measured["knowledge_changes"]
        if "change_behavior" in measured:
            self.q2.value = measured["change_behavior"]
        if "labeled_examples" in measured:
            self.count.value = str(measured["labeled_examples"])
            self.q3.value = measured["labeled_examples"] > decide.EXAMPLES_THRESHOLD
        for control in (self.q1, self.q2):
            control.observe(self._update, names="value")
        self.q3.observe(self._on_q3, names="value")
        self.count.observe(self._on_count, names="value")
        self.ui = classes(
            widgets.VBox(
                [
                    widgets.HTML(CSS),
                    label(decide.QUESTIONS[0]),
                    self.q1,
                    label(decide.QUESTIONS[1]),
                    self.q2,
                    label(decide.QUESTIONS[2]),
                    self.q3,
                    self.count,
                    self.message,
                    self.recommendation,
                    self.evidence,
                ]
            ),
            "ftrag-decide",
        )
        self._update()

    def _evidence_html(self, asked: Sequence[int]) -> str:
        """The learner's evidence as a table (rows on the questions walked marked), what is missing, other figures."""
        parts = []
        if self.evidence_items:
            rows = "".join(
                f"<tr><td>{html.escape(e.topic)}{' &#9664; on your path' if e.question in asked else ''}</td>"
                f"<td>{html.escape(e.lab)}</td><td>{html.escape(e.what)}</td>"
                f"<td>{e.n if e.n is not None else '?'} {html.escape(e.n_what)}</td>"
                f"<td>{html.escape(e.figures)}</td><td>{'higher' if e.higher_is_better else 'lower'}</td></tr>"
                for e in self.evidence_items
            )
            parts.append(
                "<table><tr><th>bears on</th><th>lab</th><th>measured</th><th>n</th><th>your figures</th>"
                f"<th>better</th></tr>{rows}</table>"
            )
        if self.missing:
            parts.append("<ul>" + "".join(f"<li>{html.escape(m)}</li>" for m in self.missing) + "</ul>")
        others = {
            k: v
            for k, v in self.measured.items()
            if k not in ("knowledge_changes", "change_behavior", "labeled_examples") and read_number(v) is not None
        }
        if others:
            rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{v:,.3g}</td></tr>" for k, v in others.items())
            parts.append(f"<b>Other figures passed in</b><table>{rows}</table>")
        if not parts:
            return ""
        return f"<details open><summary><b>Your measured evidence</b></summary>{''.join(parts)}</details>"

    def _count_value(self) -> int | None:
        """The typed count, or None when empty; shows a message (and returns None) when it is invalid."""
        try:
            n = parse_count(self.count.value)
        except ValueError as err:
            self.message.value = warn(str(err))
            return None
        self.message.value = ""
        return n

    def _on_count(self, _change: Any = None) -> None:
        """A typed count sets question 3's answer to match."""
        if self._syncing:
            return
        n = self._count_value()
        if n is not None:
            self._syncing = True
            try:
                self.q3.value = n > decide.EXAMPLES_THRESHOLD
            finally:
                self._syncing = False
        self._update()

    def _on_q3(self, _change: Any = None) -> None:
        """Clicking question 3 clears a typed count that disagrees with the click."""
        if self._syncing:
            return
        try:
            n = parse_count(self.count.value)
        except ValueError:
            n = None
        if n is not None and (n > decide.EXAMPLES_THRESHOLD) != self.q3.value:
            self._syncing = True
            try:
                self.count.value = ""
            finally:
                self._syncing = False
        self._update()

    def answers(self) -> tuple[bool | None, bool | None, int | None]:
        """The current answers: (knowledge changes, behaviour must change, number of labelled examples)."""
        n = self._count_value()
        if n is None and self.q3.value is not None:
            n = decide.EXAMPLES_THRESHOLD + 1 if self.q3.value else 0
        return self.q1.value, self.q2.value, n

    def _update(self, _change: Any = None) -> None:
        """Recompute and show the recommendation (or say which question still needs an answer)."""
        k, b, n = self.answers()
        missing = None
        if k is None:
            missing = 1
        elif not k and b is None:
            missing = 2
        elif not k and not b and n is None:
            missing = 3
        if missing:
            self.recommendation.value = f"<i>Answer question {missing} to continue.</i>"
            self.evidence.value = self._evidence_html(range(1, missing))
            return
        rec = decide.recommend(bool(k), bool(b), n if n is not None else 0)
        self.evidence.value = self._evidence_html(range(1, len(rec.path) + 1))
        steps = "".join(f"<li>{html.escape(p[3:])}</li>" for p in rec.path)
        advice = "".join(f"<li>{html.escape(a)}</li>" for a in rec.also_consider)
        pending = (
            "<p><i>The framework stops at the first Yes; answer the other questions too for more advice.</i></p>"
            if k and (b is None or n is None)
            else ""
        )
        self.recommendation.value = (
            f"<h4>Recommendation: {html.escape(rec.label)}</h4><ol>{steps}</ol>"
            + (f"<b>Also consider</b><ul>{advice}</ul>" if advice else "")
            + pending
        )


class ScorecardWidget(Displayable):
    """The article's two 'when each shines' lists as checkboxes; shows `decide.scorecard()` of what is ticked."""

    def __init__(self, ticked: Sequence[str] = ()) -> None:
        """Build one checkbox per sign, with the given sign ids pre-ticked."""
        decide.scorecard(ticked)  # validates the ids
        self.boxes: dict[str, widgets.Checkbox] = {}
        columns = []
        for title, signs in (("RAG shines when...", decide.RAG_SIGNS), ("Fine-tuning shines when...", decide.FT_SIGNS)):
            rows: list[widgets.Widget] = [label(title)]
            for key, text in signs.items():
                box = widgets.Checkbox(
                    value=key in ticked, description=text, indent=False, layout=widgets.Layout(width="auto")
                )
                classes(box, f"ftrag-scorecard-{key}")
                box.observe(self._update, names="value")
                self.boxes[key] = box
                rows.append(box)
            columns.append(widgets.VBox(rows, layout=widgets.Layout(width="50%")))
        self.result = classes(widgets.HTML(""), "ftrag-scorecard-result")
        self.ui = classes(widgets.VBox([widgets.HBox(columns), self.result]), "ftrag-scorecard")
        self._update()

    def ticked(self) -> list[str]:
        """Ids of the ticked signs."""
        return [k for k, box in self.boxes.items() if box.value]

    def _update(self, _change: Any = None) -> None:
        """Show both counts as bars and the leaning."""
        card = decide.scorecard(self.ticked())

        def bar(n: int, total: int, colour: str) -> str:
            """A horizontal bar n/total wide."""
            return (
                f'<div style="background:#eee;width:240px;display:inline-block;vertical-align:middle">'
                f'<div style="background:{colour};width:{240 * n // total}px;height:12px"></div></div>'
            )

        self.result.value = (
            f"<div>RAG {bar(card.rag, len(decide.RAG_SIGNS), colour('rag'))} {card.rag}/{len(decide.RAG_SIGNS)}</div>"
            f"<div>Fine-tuning {bar(card.fine_tuning, len(decide.FT_SIGNS), colour('fine-tuned'))} "
            f"{card.fine_tuning}/{len(decide.FT_SIGNS)}</div><p><b>{html.escape(card.summary)}</b></p>"
        )


class QuizWidget(Displayable):
    """The scenario quiz, one case at a time: pick an answer, get feedback with the reasoning, move on."""

    def __init__(self, scenarios: Sequence[quiz.Scenario] = quiz.SCENARIOS) -> None:
        """Build the quiz over the given scenarios (default: all of `ftrag.quiz.SCENARIOS`)."""
        if not scenarios:
            raise ValueError("QuizWidget needs at least one scenario.")
        self.scenarios = list(scenarios)
        self.position = 0
        self.given: dict[str, str] = {}
        self._syncing = False
        self.progress = classes(widgets.HTML(""), "ftrag-quiz-progress")
        self.scenario = classes(widgets.HTML(""), "ftrag-quiz-scenario")
        self.choices = classes(
            widgets.ToggleButtons(options=[(label, key) for key, label in quiz.CHOICES.items()], index=None),
            "ftrag-quiz-choices",
        )
        self.choices.style.button_width = "auto"
        self.feedback = classes(widgets.HTML(""), "ftrag-quiz-feedback")
        self.prev = classes(widgets.Button(description="\u25c0 Previous"), "ftrag-quiz-prev")
        self.next = classes(widgets.Button(description="Next \u25b6"), "ftrag-quiz-next")
        self.choices.observe(self._on_choice, names="value")
        self.prev.on_click(lambda _b: self.go(self.position - 1))
        self.next.on_click(lambda _b: self.go(self.position + 1))
        self.ui = classes(
            widgets.VBox(
                [
                    widgets.HTML(CSS),
                    self.progress,
                    self.scenario,
                    self.choices,
                    self.feedback,
                    widgets.HBox([self.prev, self.next]),
                ]
            ),
            "ftrag-quiz",
        )
        self.go(0)

    @property
    def current(self) -> quiz.Scenario:
        """The scenario on screen."""
        return self.scenarios[self.position]

    def score(self) -> tuple[int, int]:
        """(correct, answered) so far, counting the latest answer to each scenario."""
        return quiz.score(self.given)

    def _show_progress(self) -> None:
        """Update the 'scenario i of n, score' line."""
        right, answered = self.score()
        self.progress.value = (
            f"Scenario {self.position + 1} of {len(self.scenarios)} \u00b7 score {right}/{answered} answered"
        )

    def go(self, position: int) -> None:
        """Show the scenario at `position` (clamped to the valid range), with any earlier answer and its feedback."""
        self.position = min(max(position, 0), len(self.scenarios) - 1)
        s = self.current
        self.scenario.value = f"<h4>{html.escape(s.title)}</h4><p>{html.escape(s.text)}</p>"
        self._syncing = True
        try:
            if s.id in self.given:
                self.choices.value = self.given[s.id]
            else:
                self.choices.index = None
        finally:
            self._syncing = False
        self.feedback.value = self._feedback_html(self.given.get(s.id))
        self.prev.disabled = self.position == 0
        self.next.disabled = self.position == len(self.scenarios) - 1
        self._show_progress()

    def _feedback_html(self, choice: str | None) -> str:
        """Feedback for a choice on the current scenario ('' when none was made)."""
        if choice is None:
            return ""
        fb = quiz.grade(self.current.id, choice)
        css = "ftrag-ok" if fb.correct else "ftrag-warn"
        return f'<p class="{css}">{html.escape(fb.message)}</p>'

    def _on_choice(self, change: Any) -> None:
        """Grade the chosen answer and show the feedback."""
        if self._syncing or change["new"] is None:
            return
        self.given[self.current.id] = change["new"]
        self.feedback.value = self._feedback_html(change["new"])
        self._show_progress()
