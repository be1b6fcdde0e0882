"""Scenario quiz for the decision framework: realistic cases, the accepted answers, and grading with feedback.

Each scenario also records how it answers the three questions, so a unit test can prove that the
quiz's answer key agrees with `ftrag.decide.recommend()`.
"""

from __future__ import annotations

from dataclasses import dataclass

CHOICES: dict[str, str] = {
    "rag": "RAG",
    "fine-tuning": "Fine-tuning",
    "both": "Both (RAG + fine-tuning)",
    "prompting": "Prompting first",
}


@dataclass(frozen=True)
class Scenario:
    """One quiz case: the story, the framework answers, the accepted choices and why."""

    id: str
    title: str
    text: str
    knowledge_changes: bool
    change_behavior: bool
    labeled_examples: int
    accepted: tuple[str, ...]
    explanation: str


@dataclass(frozen=True)
class Feedback:
    """The result of grading one answer."""

    correct: bool
    message: str


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "price-bot",
        "Support bot that quotes prices",
        "A retailer's chat assistant answers questions about prices and delivery times. Prices change every week.",
        True,
        False,
        0,
        ("rag",),
        "The facts change weekly. Retraining every week would be slow and costly; retrieval reads the current "
        "price list at question time and can cite it.",
    ),
    Scenario(
        "ticket-json",
        "Ticket triage into JSON",
        "A help desk wants every incoming ticket turned into JSON with a category and a priority. It has 5,000 "
        "tickets that agents already labelled. The categories have been the same for years.",
        False,
        True,
        5000,
        ("fine-tuning",),
        "Nothing here is a changing fact: the model must learn a fixed output format and a labelling habit, and "
        "thousands of labelled examples exist. That is behaviour, the home ground of fine-tuning.",
    ),
    Scenario(
        "policy-citations",
        "HR policy assistant with sources",
        "Employees ask about leave and expense rules. Each answer must link to the policy paragraph, and HR "
        "revises policies every quarter.",
        True,
        False,
        0,
        ("rag",),
        "Quarterly revisions plus a hard need for citations: retrieved passages come with their source, a "
        "fine-tuned model's memory does not.",
    ),
    Scenario(
        "brand-voice",
        "Marketing copy in the house style",
        "A team generates product blurbs that must always follow the brand's voice and a fixed structure. "
        "Copywriters have 1,800 approved blurbs. The product facts are given in the request.",
        False,
        True,
        1800,
        ("fine-tuning",),
        "The facts arrive in the request; what must change is tone and structure. With 1,800 approved examples "
        "a light fine-tune teaches the house style reliably.",
    ),
    Scenario(
        "prototype",
        "Two-week internal prototype",
        "A small team wants a quick demo that answers questions about a handful of stable internal how-to "
        "pages. The default answer style is fine and there is no labelled data.",
        False,
        False,
        0,
        ("prompting", "rag"),
        "No changing knowledge, no behaviour to change, no labelled data: start with a good prompt (paste the "
        "few pages, or retrieve them). Learn from real use before paying for training.",
    ),
    Scenario(
        "field-manuals",
        "Field technicians and 20,000 manual pages",
        "Technicians ask about procedures in 20,000 pages of equipment manuals; new revisions arrive monthly "
        "and answers must name the manual and page.",
        True,
        False,
        0,
        ("rag",),
        "Large proprietary documentation, monthly revisions and attribution: all three are signs for RAG.",
    ),
    Scenario(
        "legal-extractor",
        "Clause extractor for contracts",
        "A legal team needs the same seven fields pulled out of every contract as structured output, in a "
        "strict schema. Paralegals have annotated 3,000 contracts. The schema is stable.",
        False,
        True,
        3000,
        ("fine-tuning",),
        "A structured-output extractor with a stable schema and thousands of annotations: fine-tuning turns "
        "that data into a model that follows the schema every time.",
    ),
    Scenario(
        "bank-assistant",
        "Bank assistant: strict format and daily rates",
        "A bank's assistant must answer in a compliance-approved format and tone, and also quote today's "
        "interest rates, which change daily. There are 4,000 reviewed example replies.",
        True,
        True,
        4000,
        ("both", "rag"),
        "The rates change daily, so the first question already says RAG. The strict format is behaviour, which "
        "fine-tuning handles best: many production systems combine a lightly fine-tuned model with retrieval.",
    ),
    Scenario(
        "edge-latency",
        "On-device command parser",
        "An app must turn spoken commands into a fixed set of actions on the phone, offline, in under 50 ms. "
        "The command set is stable and there are 12,000 labelled utterances.",
        False,
        True,
        12000,
        ("fine-tuning",),
        "Strict latency, a stable domain, a classifier-like task and plenty of labels: a small fine-tuned "
        "model fits; a retrieval step would only add delay.",
    ),
    Scenario(
        "few-labels",
        "Sentiment tags with 200 examples",
        "A startup wants the model to tag reviews as positive, neutral or negative. The default output is "
        "already close to right; there are 200 labelled reviews.",
        False,
        False,
        200,
        ("prompting", "rag"),
        "The behaviour barely needs changing and 200 examples are far below 1,000. Put a few of them in the "
        "prompt first; revisit fine-tuning once more data and clear failures exist.",
    ),
    Scenario(
        "release-notes",
        "Questions about this week's release",
        "Customers ask what changed in each software release; a new release ships every two weeks and the "
        "support bot must not invent features.",
        True,
        False,
        0,
        ("rag",),
        "Fresh facts every two weeks and a need to avoid invented answers: retrieve the release notes; a "
        "model trained last month cannot know this week's changes.",
    ),
    Scenario(
        "medical-coding",
        "Mapping clinical notes to billing codes",
        "A hospital maps short clinical notes to billing codes from a code list that is revised once every "
        "few years. Coders have labelled 50,000 notes.",
        False,
        False,
        50000,
        ("fine-tuning",),
        "The answer style is not the problem, but there are far more than 1,000 labelled examples of a stable "
        "task: the third question points to fine-tuning a specialised classifier.",
    ),
)


def get_scenario(scenario_id: str) -> Scenario:
    """The scenario with this id; KeyError lists the valid ids."""
    for s in SCENARIOS:
        if s.id == scenario_id:
            return s
    raise KeyError(f"No scenario {scenario_id!r}; valid ids: {[s.id for s in SCENARIOS]}.")


def grade(scenario_id: str, choice: str) -> Feedback:
    """Grade one choice ('rag', 'fine-tuning', 'both' or 'prompting') with an explanation either way."""
    scenario = get_scenario(scenario_id)
    if choice not in CHOICES:
        raise ValueError(f"choice must be one of {list(CHOICES)}, got {choice!r}.")
    best = " or ".join(CHOICES[a] for a in scenario.accepted)
    if choice in scenario.accepted:
        return Feedback(True, f"\u2705 Correct. {scenario.explanation}")
    return Feedback(False, f"\u274c Not quite: the framework points to {best}. {scenario.explanation}")


def score(answers: dict[str, str]) -> tuple[int, int]:
    """(number correct, number answered) for a dict of scenario id -> choice."""
    results = [grade(sid, choice).correct for sid, choice in answers.items()]
    return sum(results), len(results)
