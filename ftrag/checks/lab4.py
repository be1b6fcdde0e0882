"""Self-checks for Lab 4 (the capstone): the answer-format target and the learner's three scenario picks."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ftrag.checks import expect, hint_on_error

S_TARGET = "3. Teach the generator the answer format"
S_SCENARIOS = "7. Defend a recommendation"
S_QUIZ = "Check your understanding"

# Which measured architectures can be defended for each scenario (keys of ftrag.capstone.ARCH_KEYS).
SCENARIOS: dict[str, dict[str, object]] = {
    "support_bot": {
        "text": "Halvard's public support chat: prices and policies change every month, customers use staff slang "
        "and code names, and every answer must cite the policy it comes from.",
        "ok": {"rag_tuned_emb", "rag_tuned_both"},
        "hint": "the facts change and answers must cite: which rows retrieve, and which retriever found more of the "
        "right documents on colloquial queries (Lab 3)?",
    },
    "triage": {
        "text": "An internal tool that files each incoming ticket under a fixed category in a strict JSON format; "
        "no company facts are needed and 300 labelled tickets exist.",
        "ok": {"lora"},
        "hint": "nothing here needs documents; what needs changing is how the model behaves (Lab 2)",
    },
    "pilot": {
        "text": "A two-week pilot of an FAQ assistant over a small, stable set of answers, no labelled data, "
        "a tiny budget, and no need to cite.",
        "ok": {"prompted", "rag"},
        "hint": "the article says to start simple when there is no labelled data: which rows need no training run?",
    },
}
METRIC_WORDS = ("accuracy", "format", "citation", "latency", "cost", "recall", "$", "%")


def check_target(cited_answer: Callable[[str, int], str]) -> None:
    """Check the behaviour-tuning target: the passage without its final stop, then ' [n].'."""
    with hint_on_error("cited_answer(passage, number) returns a string.", S_TARGET):
        one = cited_answer("Returns are accepted within 45 days.", 2)
        two = cited_answer("  The hub   supports 24 cameras ", 1)
    expect(one.endswith("[2]."), "end the answer with the source number in brackets, then a full stop", S_TARGET, "")
    expect(
        one == "Returns are accepted within 45 days [2].", "drop the passage's own final full stop first", S_TARGET, ""
    )
    expect(
        two == "The hub supports 24 cameras [1].",
        "collapse extra spaces and trim the passage",
        S_TARGET,
        "Your targets match the course answer format.",
    )


def check_scenarios(picks: Mapping[str, str], reasons: Mapping[str, str]) -> None:
    """Check each scenario's pick is defensible and its reason quotes a measured figure."""
    for key, scenario in SCENARIOS.items():
        pick = str(picks.get(key, "")).strip()
        expect(pick in scenario["ok"], f"{key}: {scenario['hint']}", S_SCENARIOS, f"{key}: a defensible pick.")
        reason = str(reasons.get(key, "")).lower()
        expect(
            len(reason.split()) >= 8 and any(w in reason for w in METRIC_WORDS),
            f"{key}: give a reason of a sentence or two that quotes a number you measured (accuracy, format, "
            "citations, latency or cost)",
            S_SCENARIOS,
            f"{key}: reason noted.",
        )
