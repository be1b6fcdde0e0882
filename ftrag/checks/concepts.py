"""Answer keys for "Check your understanding" in the concept notebooks (00-03, 06) and the final quiz (08).

A notebook asks `answer("02.update", answer_2)`: fixed answers are stored hashed (`python -m ftrag.checks.keys <id>
<answer>` prints a fingerprint); judged ones are computed from what the learner's own run measured, passed as keyword
arguments (`answer("02.fixed_by_context", answer_3, fixed=fixed)`). Each key has two or three hints, from a nudge to
a pointer into a section, and none of them holds the answer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ftrag.checks import Key, fixed, judged, words

# ---------------------------------------------------------------- helpers for judged keys


def _number(value: str) -> float | None:
    """The number in a normalised answer ("12", "0.3%", "about 0.3"), or None if there is none."""
    found = re.search(r"-?\d+(?:\.\d+)?", value.replace(",", ""))
    return float(found.group()) if found else None


def _count_is(name: str) -> Any:
    """A judge: the answer is the whole number the learner measured as `name`."""

    def judge(value: str, measured: Mapping[str, Any]) -> bool:
        number = _number(value)
        return number is not None and number == int(measured[name])

    return judge


def _yes_no_is(name: str) -> Any:
    """A judge: the answer is "yes" if the measured flag `name` is true, else "no"."""

    def judge(value: str, measured: Mapping[str, Any]) -> bool:
        return value in {"yes", "no"} and (value == "yes") == bool(measured[name])

    return judge


def _best_of(value: str, measured: Mapping[str, Any]) -> bool:
    """A judge: the answer names one of the settings with the highest measured share (ties all count)."""
    best = max(measured.values())
    return value in {name for name, share in measured.items() if share == best}


def _lora_bucket(value: str, measured: Mapping[str, Any]) -> bool:
    """A judge: the answer is the bucket ("under 1%", "about 10%", "all") that holds the measured trainable share."""
    share = float(measured["share"])
    bucket = "under 1%" if share < 0.01 else ("about 10%" if share < 0.5 else "all")
    aliases = {"<1%": "under 1%", "less than 1%": "under 1%", "below 1%": "under 1%", "10%": "about 10%"}
    return aliases.get(value, value) == bucket


def _within_factor_two(value: str, measured: Mapping[str, Any]) -> bool:
    """A judge: the guessed percentage is within a factor of two of the measured one."""
    guess, percent = _number(value), float(measured["percent"])
    return guess is not None and percent / 2 <= guess <= percent * 2


def _break_even(value: str, measured: Mapping[str, Any]) -> bool:
    """A judge: the answer is the measured first cheaper volume, give or take one (rounding)."""
    guess = _number(value)
    return guess is not None and abs(guess - int(measured["first_cheaper"])) <= 1


# ---------------------------------------------------------------- the final quiz's scenarios

# Each scenario's right approach, hashed, with the framework's path for it sealed by that answer (`seal`): the path
# would give the answer away, so only a right answer opens it. tests/test_checks.py holds the scenarios' facts and
# checks that these keys are what `ftrag.decide.recommend()` gives ("both" for E: question 1 says RAG, and the
# behaviour must change too, with thousands of examples).
SCENARIOS: dict[str, dict[str, str]] = {
    "a": {
        "393b2ef84e3aa198": (
            "LY0xNYHhpYOa7NxAS9GxiruRByKvwxoaljOjE3LAnNrdz+CT7I0ym8cn75pJZ9Rk6mqIFgB0OK65kRFmkRrT0aUFqV75AYVD"
            "tFhyEMPtJp74BYh+m0KFmJSDIZ7vjIwfB0d8VltG"
        ),
    },
    "b": {
        "3ae9a728d32c0cab": (
            "e2B+9N1XxTG0iDTgNLvEr6b+pmUJ2XfPI9ju6WIX/U3TfBT2WkapUiykalECRK2I2NG7GXhrYWyIS40yitUUWU2rd0NFBUCp"
            "mzyuf6ms7qe2zpDq9YJFKT73g3M9kLlZ828dGpAgPbA9Ta3tikNtksAL5qnuOmf7llz/XMTjWjo2EJuvyxqDS0l91m5DZp9k"
            "vytbWlBRjSO34XbW9sWbg0JtTn6AtM7sND3zZmSEYg4wc1X7"
        ),
    },
    "c": {
        "0acb46e406d247b9": (
            "Uc8aoiAgXFPgUt6oZ7GuHCJFqTTnLdjkFMur8+EMWw6lG3L3WWKU2G724NXpMZbvRl2Uv7yOpgVbBjqr4JL1f8G7gok7N53x"
            "tZF1EVedo/vl3VDWH008Rhwat84WPwakO4XV7jB7ku2r1oUg2gvoPbVVsfOukoRPFiDDYrrbX39qJXGjKP+a2ZIw4O1qkfwj"
            "LXS2vj5teyHYxyA68UMa+B/vMUnSX+EaEu2rO9of4POlNYsE417zjK2pG4O0fj78K9Mixpk/HR23xkN3fIxtZRe2cOuJ"
        ),
        "e36aa43f92065aaf": (
            "da5RZLFVRv/UcPEUk76yXdAq3c7DfKU3OyUuPGMWkpDAZzNhNQDLA5lkYsH0vZrum+rqkmdHQgBUokzb0+/OilaaHW1VRkMr"
            "UOAYl34aqYLUTu2nz/bwUVd9NP0LiCEUt39m1ldOYV8jK1wWgkeAocv8XxAfXyGnSZFGPOvttMKYviWjvjn6ygSN4z7LaG5X"
            "D0fbJnxur2IHLnL+Tam82f1TBz6EC32aFKC8O0yZugpQlnmlHFvruulZZVKsExvc/HN5/RIVtNW5raDgii/pzxDvSO+e"
        ),
    },
    "d": {
        "2b2517122f71735c": (
            "x5ATx4r7ANibMwx1BgseoMfXy2w4ZvVM/wnuzBcYNGJPJSkkYaH0MpaigfLzznfsCr4hrMiR+aIgrTajbqLCr5VINWC4EZ8R"
            "Efa+Rdfg8IJwr6D0qZRDmsxC1GMq+hNUnfplRpNZ"
        ),
    },
    "e": {
        "cef8acf640fbbe12": (
            "Yrr+Mk4f6aS+nsbGHdGd79/PJlpxTeWEYRwaolH5/J+6p/bAQME0+VP9Xu8uo+v+rRDe379f3XecYZj1G/T/ciw1CGs6xD5w"
            "x/6ut8twzNC9JWlfWrpJAlPmzzXc/10MQrY64/huTkZIyc3ZvAjkOOKw4fnSKNZg1Pc8ja1EPj9cIoTmVBuKMO9rV8fEMMkS"
            "otOxGPgfgGTGoux0zlYiX0bj32M/eXxGtcoT6z+ZEYh7mWPq1F9MJl/PtFthnTkn42fAdo9Ek4I5Q4Hu+Y2E7E9VRlNPnuf/"
            "onK90g=="
        ),
    },
}
_RAG_WORDS = {"rag", "retrieval", "retrieve"}
_FT_WORDS = {"fine-tune", "fine-tuning", "fine-tuned", "finetune", "finetuning", "lora", "ft", "tune", "tuning"}
_PROMPT_WORDS = {"prompt", "prompting", "prompts", "neither"}


def approach(text: str) -> str:
    """The approach an answer names: "rag", "fine-tune", "prompt" or "both" ("RAG + LoRA", "fine tune"), else itself."""
    said = set(words(text.replace("fine tun", "fine-tun")))
    if "both" in said or (said & _RAG_WORDS and said & _FT_WORDS):
        return "both"
    for name, vocabulary in (("prompt", _PROMPT_WORDS), ("fine-tune", _FT_WORDS), ("rag", _RAG_WORDS)):
        if said & vocabulary:
            return name
    return text


def _scenario(letter: str) -> Key:
    """The key of one scenario: its hashed approach(es), and the framework's path sealed by each."""
    return Key(
        "Part 1: the three questions, on new situations",
        f"Scenario {letter.upper()}: the three questions, asked in order, stop where you stopped.",
        (
            "Walk the three questions in order and stop at the first yes.",
            "Ask first: do the facts this system needs change while it is in use? Then: must its way of answering "
            "change? Only then count the labelled examples. And check whether more than one of them says yes.",
            "Reread the three questions of 04_decision_framework, then the scenario sentence by sentence.",
        ),
        frozenset(SCENARIOS[letter]),
        canon=approach,
        sealed=SCENARIOS[letter],
    )


# ---------------------------------------------------------------- the keys

KEYS: dict[str, Key] = {
    # 00 start here
    "00.prices": fixed(
        "The question",
        "",
        (
            "This week's prices: does the model lack a fact, or a habit?",
            "Reread 'The question': which of the two fixes hands the model documents at question time, and what "
            "do documents hold?",
        ),
        "eed49b2aa36ecd30",
        sealed={
            "eed49b2aa36ecd30": (
                "K601aoMZSy5XFUC4Bf85Y9gTcICKgRjtRUhrCi7oMmJXFQFu3Yjjkj3ozjT2kg/GerHLnXjKkxSJ199D6mUvaYFJ"
                "zoSI1q6y1tQvQr4N4g=="
            ),
        },
    ),
    "00.json_format": fixed(
        "The question",
        "",
        (
            "Always the same JSON: does the model lack a fact, or a way of answering?",
            "Reread 'The question': which fix changes the weights so that the model acts differently?",
        ),
        "6e05ba218a57842f",
        "23cd7e17a7aa734d",
        sealed={
            "6e05ba218a57842f": (
                "pbL/drixYtYSnbWIEbbkq6Ie5OIMpGAumrBeqVw4rUZJJPksm7q1IQ2NBrywKv46D1Q66pIdMDOyxDnWygjevtfWKea+x1ppL+4="
            ),
            "23cd7e17a7aa734d": (
                "dqheEIGYxJNlD0VUT5vyVuD7N/pQWQbT8/69Ee0xuh8MjBEXZhmSeTCOmlQmr3aCZz6xMACbLVcUTDTk88Rzgv2AAzYAmweipnw="
            ),
        },
    ),
    # 01 base model
    "01.private_facts": fixed(
        "What the model says about Halvard Home",
        "",
        (
            "Where would a model trained on public web text have seen a private price list?",
            "Look at the 'right' share your run printed for the plain questions, and at where Halvard Home's "
            "documents live.",
        ),
        "0d6af9c488bd68ff",
        sealed={
            "0d6af9c488bd68ff": "/Y/2exgbz5VoXGAZz3wIrdmJ0zKjSZakssVcn6ojsg48XGswiADYCAAgWjb250GZXJfEYsOG",
        },
    ),
    "01.best_prompt": judged(
        "Before building anything: a better message",
        "You read the row with the highest share of right answers off your own plot.",
        (
            "Answer with one of the row names: 'plain', 'rules' or 'document'.",
            "Compare the 'right' bars of the three rows in the plot: which is longest?",
            "Which row gave the model information it did not have before? Check that its bar agrees.",
        ),
        _best_of,
    ),
    "01.first_try": fixed(
        "Before building anything: a better message",
        "",
        (
            "Which option needs no index and no training, only a better message?",
            "Reread 'Before building anything: a better message': what did the three rows of the plot change, "
            "and what did they cost?",
        ),
        "5f595aa18bf5a615",
        "36678fbdccd1890a",
        "0f328f35479e3c94",
        sealed={
            "36678fbdccd1890a": (
                "J842BNCS6Y8yXs+kkPyapmuBOZbOfj9OglBWq4cNzCFsOG27+1qyd8NaBT2BlJX02d0jexfqpmX/4uVXfv2+UwZF"
            ),
            "5f595aa18bf5a615": (
                "ZeFLKNIzUhs6P7RmyZ/X71DRXFMDM6wyCcU4I6MjWqpfeM8sg1vXgH42apj+PGwbDjyfi7ceU6UUYJVmi9NFaDSk"
            ),
            "0f328f35479e3c94": (
                "JUEJMzqIRrRecBx0ZjvrXoeAqBptAtqihXvjp/fwrZ5vj4WAMgk691Oh89xqk1zOdfiGAmyqxwajz5LHy03RYa0D"
            ),
        },
    ),
    # 02 what is RAG
    "02.weights_change": fixed(
        "Put the context in the prompt, and cite it",
        "",
        (
            "Look at what RAG changes: the prompt, or the model file?",
            "In 'Put the context in the prompt, and cite it', the same `model` answered with and without "
            "context: was it trained in between?",
        ),
        "dd4b867431525043",
        sealed={
            "dd4b867431525043": "2qoBhDLXUILU7DfA6WYeZ349Ap79vLtXGp55ZUC9MI/EK+TZslGILSWro0LnqEpYuGIsD404",
        },
    ),
    "02.update": fixed(
        "A vector index with FAISS",
        "",
        (
            "A price changed in one document: what must be computed again, a vector or the weights?",
            "Reread 'A vector index with FAISS': what does the index store for each document?",
        ),
        "534ca5eab4a02d60",
        "c0e53ae584269d97",
        sealed={
            "c0e53ae584269d97": (
                "snFHn9/emY/uuFGOfaH/CfOMgtDRrh0wuc/7WI4temFV5fi/gtZSrALuD5G8pfTSvcsweW4GcDwnpkjgZthH7E19"
                "YVCIDwmB+nKGH5nMavH0GWM="
            ),
            "534ca5eab4a02d60": (
                "gwbWRZ3Eav9BAZTcs3cfnFUU8F6AzZcSC12/bCoSikEcHBDibrFRiHMU+uoRb03tPF2bN76vAIEKePwLQxADsbnh"
                "tgkyhYkJKG9/cJiWxajEorU="
            ),
        },
    ),
    "02.fixed_by_context": judged(
        "Put the context in the prompt, and cite it",
        "You counted, in your own run, the answers that retrieved context turned from wrong to right.",
        (
            "Count questions, not words: answer with a whole number.",
            "Look at the table's 'right without' and 'right with' columns.",
            "Count the rows where 'right with' is True and 'right without' is False.",
        ),
        _count_is("fixed"),
    ),
    # 03 what is fine-tuning
    "03.good_at": fixed(
        "What fine-tuning changes, and what it does poorly",
        "",
        (
            "Fine-tuning showed the model one sentence many times: did that give it a source, or a habit of repeating?",
            "Reread the table in 'What fine-tuning changes, and what it does poorly': do its rows change what the "
            "model knows, or how it answers?",
        ),
        "70b319d31e9d666b",
        "6aa4ab446c77738a",
        "8957dff8e73c5eba",
        sealed={
            "70b319d31e9d666b": (
                "IrCtNizC8FFAaEkd+WVUg3iYgEvgpAws9LKj75cz4JeN0idEiYIDdHb0TkgHFdSzMBza7f50NNIkhMHN7JBM6cJf"
                "PbtpJMhTvl5rFKPKynrY14JiH2CfO4c="
            ),
            "6aa4ab446c77738a": (
                "lbYsnEIGd3oNvLt/nyUez2nK6VqAgxSPS0ua4VQX/TAZJl+3WeQKfqBpR90GMm8hSWMlfQ4ieguJdvDnNmHJGwPK"
                "wZJNz9XkGwR2PBknvPg2hZRTiN4uKe4="
            ),
            "8957dff8e73c5eba": (
                "NG/dQGdJTPlSKubZHezwWtwIcr1Ohi777uWOikWxBZ4eTp8Mohy1mHmXbje03C8P2qQWQ4rpbL+nj1gVlN29xLlc"
                "J/9Y1mfoWAUOPKwX5mMZPKb0x24JdAM="
            ),
        },
    ),
    "03.lora_share": judged(
        "LoRA: train a small add-on instead",
        "You read the trainable share of LoRA at rank 8 from your own count.",
        (
            "Answer with one of 'under 1%', 'about 10%' or 'all'.",
            "Find the row 'LoRA r=8' in the table of 'LoRA: train a small add-on instead' and read its share.",
        ),
        _lora_bucket,
    ),
    "03.question": judged(
        "A tiny live run: what the weights learn",
        "You read what the adapted model answered to the question, not only how it completed the sentence.",
        (
            "Answer 'yes' or 'no'.",
            "Two lines are printed for the adapted model: 'completes' and 'answers'. This question is about "
            "the 'answers' line.",
            "Look for the trained price, written as in the sentence, in the adapted model's 'answers' line.",
        ),
        _yes_no_is("price_in_answer"),
    ),
    # 06 using both
    "06.pattern": fixed(
        "Not either-or",
        "",
        (
            "In the pattern the article singles out, which model is lightly fine-tuned?",
            "Reread design B in 'Not either-or': which box is orange?",
        ),
        "cf5bdecdf7bb5862",
        "7c8e941b70ca4597",
        "97c81d175a32f061",
        "a189c8e947b11f54",
        sealed={
            "7c8e941b70ca4597": (
                "33jM0fM9Js3XglJbN8cNiO+U2ZzEaZQwh7llWFdSvsFz5vFXe2aBX71pRrGBu7rSwGHGf2xAFtmvGa0MZ63irPtd256V"
            ),
            "cf5bdecdf7bb5862": (
                "KgVwuzJqzl6TQJ97ZtGo3azp0UdieNV+nWFnHLugi6O+fSJ6BCPB674exKIYd2jgE2Q9FSKM24FQJYiG54zpufaVX/CC"
            ),
            "97c81d175a32f061": (
                "22wsxwENmtQUg7ErDO7HgavtXU9SPUty5STy7YRr+5fSxmaJi0syCWe8IJGrzfdYiyvZnlF2so2XArjK37OPxWMSpd+K"
            ),
            "a189c8e947b11f54": (
                "Gjqkr/w0dcF59vF6bXNU+tTnY4rfSzIApqeLdvyjpisvR4Jkr6dUuyWHWYNVQXXU34mPNK+UPnwrorClfV6m1gYaro9A"
            ),
        },
    ),
    "06.design": fixed(
        "Not either-or",
        "",
        (
            "Answer with a letter: 'a', 'b' or 'c'.",
            "In the diagram of 'Not either-or', find the design whose orange box is the one that writes the answer.",
        ),
        "207b681f27830da1",
        "f59ad400f74c68f9",
        sealed={
            "207b681f27830da1": (
                "5P8TqzrpLkPDsBCBMZicQIJBjtT1nM3nnH20wcQGUylM758H/2/2uNNo2LC7wsNdvsBKazNxFSgl3qt5jda/D5atnGk="
            ),
            "f59ad400f74c68f9": (
                "g1Q7bHMJOKbFzWPXAGTNn/zIudcnSKETz8YLZlBZPj34Vyc4vyzH6hppMR6rkumuAdRjAo+lt7IBqESZmJcCNbXP2TY="
            ),
        },
    ),
    "06.top5_not_first": judged(
        "Why fine-tune the embedder? Measure the stock one first",
        "You counted, in your run, the misses at rank 1 that a top-5 prompt would still show the generator.",
        (
            "Answer with a whole number of queries.",
            "Among the queries whose right document is not ranked first, count those where it is in the top 5.",
            "The recall@1 and recall@5 your run printed cover the same queries: their difference, times the number "
            "of queries, is the count.",
        ),
        _count_is("top5_not_first"),
    ),
    # 08 final quiz
    **{f"08.scenario_{letter}": _scenario(letter) for letter in SCENARIOS},
    "08.lora_share": judged(
        "Part 2: what LoRA trains, measured",
        "Your guess is within a factor of two of the share measured on the course's model.",
        (
            "Answer with a percentage, as a number (e.g. 12.5).",
            "Count the weights of two rank-8 matrices beside each query and value projection, in every layer, and "
            "compare with the total printed by notebook 01.",
            "Reread 'LoRA: train a small add-on instead' in 03_what_is_finetuning: rank 8 there covers four "
            "projections, here two.",
        ),
        _within_factor_two,
    ),
    "08.break_even": judged(
        "Part 3: break-even",
        "You found where the fine-tuned system's total cost drops below RAG's.",
        (
            "Answer in thousands of queries, as a whole number.",
            "The gap in set-up cost must be paid back by the saving per thousand queries: divide one by the other.",
            "Reread the break-even in 05_cost, then round up to the first whole thousand where fine-tuning is cheaper.",
        ),
        _break_even,
    ),
    "08.e": fixed(
        "Part 4: two questions from the article",
        "",
        (
            "Answer with one letter.",
            "Which part of the system did Lab 3 fine-tune, and which parts did it leave alone?",
            "Reread 'Not either-or' in 06_using_both.",
        ),
        "54166f5a48e63873",
        sealed={
            "54166f5a48e63873": (
                "n06mjdrrClBtIFH+evVkMuCTa6+IfCx/4bdmCFgYOSf4HGq1rLI0wktowKHIFpMvjGOYkDQRNsqX76Qca9QJb6mi"
                "4bWq/xOz9MFkTcc4OT7YEuTkC53OuxxtbYXBu1t9PctkL1re"
            ),
        },
    ),
    "08.f": fixed(
        "Part 4: two questions from the article",
        "",
        (
            "Answer with one letter.",
            "Which approach does the article call quickest to build and easiest to update?",
            "Reread the article's 'Final Recommendation' (07_wrap_up grades it against your runs).",
        ),
        "93e19f0505191f32",
        sealed={
            "93e19f0505191f32": (
                "d1nok5lt0r4S1hXyiXXAgFfDTMoBLgmAzgQEKgeDxGTBDhRzBE9pHqsX1syGD8ksjTB0dzzJxRT+rq+r9LCOvbpZ"
                "sl8z5wiPL6v7jDEpN13fx+DyZ9A3IuSZePKU"
            ),
        },
    ),
}
