"""Answer keys for "Check your understanding" in the concept notebooks (00-03, 06); the final quiz's are in final_quiz.

A notebook asks `answer("02.update", answer_2)`: fixed answers are stored hashed (`python -m ftrag.checks.keys <id>
<answer>` prints a fingerprint); judged ones are computed from what the learner's own run measured, passed as keyword
arguments (`answer("02.fixed_by_context", answer_3, right_without=..., right_with=...)`). Each key has two or three
hints, from a nudge to a pointer into a section, and none of them holds the answer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ftrag.checks import Key, fixed, judged

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


def _fixed_by_context(value: str, measured: Mapping[str, Any]) -> bool:
    """A judge: the answer is the number of questions right with retrieved context and wrong without it."""
    pairs = zip(measured["right_without"], measured["right_with"], strict=True)
    number = _number(value)
    return number is not None and number == sum(bool(w) and not bool(b) for b, w in pairs)


def _top5_not_first(value: str, measured: Mapping[str, Any]) -> bool:
    """A judge: the answer is the number of queries whose right document is ranked 2nd to 5th."""
    number = _number(value)
    found = sum(r in row[1:5] for row, r in zip(measured["ranked"], measured["right"], strict=True))
    return number is not None and number == found


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
        _fixed_by_context,
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
        _top5_not_first,
    ),
}
