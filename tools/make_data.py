"""Build every file under data/ for the Fine-tune or RAG? course (deterministic: run twice, same bytes).

Usage: python tools/make_data.py [--out DIR]
Knowledge-base text is hand-written in tools/kb_source.py; tickets and queries are generated here.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20240611


def _load_source():
    """Import the hand-written knowledge base module next to this script."""
    spec = importlib.util.spec_from_file_location("kb_source", Path(__file__).with_name("kb_source.py"))
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def norm(text: str) -> str:
    """Collapse whitespace of a hand-wrapped text block."""
    return " ".join(text.split())


def write_jsonl(path: Path, rows: list[dict]) -> None:
    """Write rows as UTF-8 JSON lines with a trailing newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


SENT_SPLIT = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9'+])")


def sentence_with(text: str, key: str) -> str:
    """Return the single sentence of text that contains key (exactly one must)."""
    hits = [s for s in SENT_SPLIT.split(text) if key in s]
    if len(hits) != 1:
        raise AssertionError(f"key {key!r} found in {len(hits)} sentences")
    return hits[0]


# --------------------------------------------------------------------------- knowledge base


def build_kb(src) -> tuple[list[dict], list[dict], dict[str, str], list[dict]]:
    """Return kb_v1 rows, kb_v2 rows, key->id map and change rows."""
    ids: dict[str, str] = {}
    v1: list[dict] = []
    for i, d in enumerate(src.DOCS, start=1):
        ids[d["key"]] = f"kb-{i:03d}"
        v1.append({"id": ids[d["key"]], "title": d["title"], "type": d["type"], "text": norm(d["text"])})
    by_key = {d["key"]: row for d, row in zip(src.DOCS, v1, strict=True)}

    v2_text = {k: r["text"] for k, r in by_key.items()}
    changes: list[dict] = []
    for n, (key, fact, old, new, _q) in enumerate(src.CHANGES, start=1):
        t = v2_text[key]
        assert by_key[key]["text"].count(old) == 1, (key, old)
        assert t.count(old) == 1, (key, old)
        v2_text[key] = t.replace(old, new)
        changes.append({"id": f"chg-{n:02d}", "doc_id": ids[key], "fact": fact, "old": old, "new": new})
    v2: list[dict] = []
    for key, row in by_key.items():
        if key == src.REMOVED_KEY:
            continue
        v2.append({**row, "text": v2_text[key]})
    next_id = len(v1) + 1
    for d in src.NEW_DOCS:
        ids[d["key"]] = f"kb-{next_id:03d}"
        next_id += 1
        v2.append({"id": ids[d["key"]], "title": d["title"], "type": d["type"], "text": norm(d["text"])})
    for ch, (key, *_rest) in zip(changes, src.CHANGES, strict=True):
        v2t = v2_text[key]
        assert ch["old"] not in v2t and ch["new"] in v2t, ch
    for row in v1 + v2:
        n_words = len(row["text"].split())
        assert 120 <= n_words <= 350, (row["id"], n_words)
    return v1, v2, ids, changes


# --------------------------------------------------------------------------- questions


def build_questions(src, ids: dict[str, str], v1: list[dict], v2: list[dict], rng: random.Random) -> list[dict]:
    """Stable, changed and unanswerable questions with per-version gold docs and answers."""
    t1 = {r["id"]: r["text"].lower() for r in v1}
    t2 = {r["id"]: r["text"].lower() for r in v2}
    rows: list[dict] = []
    for d in src.DOCS:
        for q in d["qs"]:
            question, answer = q[0], q[1]
            gold = [ids[d["key"]]] + [ids[k] for k in (q[2] if len(q) > 2 else [])]
            for texts in (t1, t2):
                assert all(g in texts for g in gold), gold
                assert any(answer.lower() in texts[g] for g in gold), (question, answer)
            rows.append(
                {
                    "question": question,
                    "kind": "stable",
                    "v1": {"doc_ids": gold, "answer": answer},
                    "v2": {"doc_ids": gold, "answer": answer},
                }
            )
    for key, _fact, old, new, question in src.CHANGES:
        did = ids[key]
        assert old.lower() in t1[did] and new.lower() in t2[did]
        rows.append(
            {
                "question": question,
                "kind": "changed",
                "v1": {"doc_ids": [did], "answer": old},
                "v2": {"doc_ids": [did], "answer": new},
            }
        )
    for question in src.UNANSWERABLE:
        rows.append(
            {
                "question": question,
                "kind": "unanswerable",
                "v1": {"doc_ids": [], "answer": None},
                "v2": {"doc_ids": [], "answer": None},
            }
        )
    rng.shuffle(rows)
    return [{"id": f"q-{i:03d}", **r} for i, r in enumerate(rows, start=1)]


# --------------------------------------------------------------------------- embedding pairs

Q_PREFIX = ["", "", "", "", "", "", "hey ", "hi, ", "quick q: ", "so ", "ok so ", "hello - ", "um ", "question: "]
Q_SUFFIX = ["", "", "", "", "", "", "?", " pls", " any idea?", " help", " thx", "??", " asap", " anyone?"]


# Staff code names and the plainer product words customers also use.
CODE_NAMES = {
    "wren": ["cam mini", "mini cam"],
    "heron": ["cam pro", "pro cam"],
    "osprey": ["outdoor cam", "cam outdoor"],
    "magpie": ["doorbell", "video doorbell"],
    "puffin": ["hub", "halvard hub"],
    "robin": ["chime", "halvard chime"],
    "sparrow": ["solar panel", "halvard solar panel"],
}
PLAIN_NAME_RATE = 0.5
CODE_RE = re.compile(r"\b(" + "|".join(CODE_NAMES) + r")\b")


# Customers asking about a release-note item often mention the update.
UPDATE_HINTS = [
    " - is there a firmware update for this",
    ", did an update change this",
    " since the update",
    " after updating",
    " - fixed in a new version?",
]
UPDATE_HINT_RATE = 0.6


def decorate(core: str, rng: random.Random, release_notes: bool = False) -> str:
    """Wrap a query core in a chat-style prefix/suffix; sometimes swap a code name for a product word."""
    if rng.random() < PLAIN_NAME_RATE:
        core = CODE_RE.sub(lambda m: rng.choice(CODE_NAMES[m.group(1)]), core)
    if release_notes and rng.random() < UPDATE_HINT_RATE and "updat" not in core:
        core = core.rstrip("?") + rng.choice(UPDATE_HINTS)
    q = rng.choice(Q_PREFIX) + core
    if not q.endswith("?"):
        q += rng.choice(Q_SUFFIX)
    return q


def build_embedding_pairs(src, ids: dict[str, str], v1: list[dict], rng: random.Random):
    """Query/passage pairs over kb_v1; one query core per fact (rotating position) goes to test."""
    text = {r["id"]: r["text"] for r in v1}
    train: list[dict] = []
    test: list[dict] = []
    n_fact = 0
    for d in src.DOCS:
        did = ids[d["key"]]
        for key, cores in d["emb"]:
            n_fact += 1
            held = n_fact % len(cores)
            passage = sentence_with(text[did], key)
            assert passage in text[did]
            assert len(cores) >= 2, key
            for j, core in enumerate(cores):
                query = decorate(core, rng, release_notes=d["type"] == "release-notes")
                row = {"query": query, "doc_id": did, "passage": passage}
                (test if j == held else train).append(row)
    seen: set[str] = set()
    for split in (train, test):
        for row in split:
            assert row["query"] not in seen, row["query"]
            seen.add(row["query"])
    rng.shuffle(train)
    rng.shuffle(test)
    train = [{"id": f"e-{i:04d}", **r} for i, r in enumerate(train, start=1)]
    test = [{"id": f"e-{i:04d}", **r} for i, r in enumerate(test, start=len(train) + 1)]
    return train, test


# --------------------------------------------------------------------------- behaviour tickets

PRODUCTS = {
    "Cam Mini": ["Cam Mini", "cam mini", "Halvard Cam Mini", "mini camera", "Mini cam"],
    "Cam Pro": ["Cam Pro", "cam pro", "Halvard Cam Pro", "pan-tilt camera", "Pro camera"],
    "Cam Outdoor": ["Cam Outdoor", "outdoor cam", "Halvard Cam Outdoor", "garden camera", "Outdoor camera"],
    "Doorbell": ["Doorbell", "doorbell", "Halvard Doorbell", "video doorbell", "door bell"],
    "Hub": ["Hub", "hub", "Halvard Hub", "base station", "Hub box"],
    "Chime": ["Chime", "chime", "Halvard Chime", "plug-in chime", "indoor chime"],
}
BATTERY = ["Cam Outdoor", "Doorbell"]
CAMERAS = ["Cam Mini", "Cam Pro", "Cam Outdoor", "Doorbell"]
POWERED = ["Cam Mini", "Cam Pro", "Hub", "Chime", "Cam Outdoor", "Doorbell"]
PLANS = {"Basic": ["3.99", "39"], "Plus": ["9.99", "99"]}
SLOTS = {
    "n": ["2", "3", "4", "5", "6", "10", "12"],
    "day": [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "the weekend",
        "last Sunday",
        "the 3rd",
        "the 14th",
        "the 21st",
    ],
    "city": ["Lisbon", "Warsaw", "Lagos", "Singapore", "Toronto", "Bucharest", "Manila"],
    "err": ["E-401", "E-403", "AUTH-12", "AUTH-7"],
    "a": ["Alexa", "Google Home", "Apple Home", "IFTTT", "SmartThings"],
    "pm": ["PayPal", "iDEAL", "Bancontact", "SEPA direct debit", "American Express", "Apple Pay"],
    "c": ["Germany", "Belgium", "France", "the UK", "Switzerland", "Norway", "Austria", "Spain", "Italy"],
    "f": [
        "a 4K mode",
        "a white colour option",
        "Apple Watch notifications",
        "a Linux desktop app",
        "face blurring for neighbours",
        "a battery-powered chime",
        "a night-time quiet mode",
    ],
    "use": [
        "a small flat",
        "a baby room",
        "a garden shed",
        "a shop counter",
        "a holiday home",
        "keeping an eye on pets",
        "a long driveway",
    ],
    "name": ["Anna", "Tom", "Priya", "Lukas", "Marie", "Jonas", "Sofia", "Daan", "Emma", "Karim"],
}

# (category, priority, product pool or None, summary template, [ticket core templates])
# The last core of every scenario is held out for the test split.
SCENARIOS: list[tuple[str, str, list[str] | None, str, list[str]]] = [
    (
        "technical",
        "urgent",
        POWERED,
        "Customer reports a burning smell coming from their {P}.",
        [
            "My {p} started smelling like burning plastic about {n} minutes ago. I unplugged it but the smell "
            "is still there.",
            "There is a burning smell coming from the {p}, what should I do??",
            "The {p} got really hot and I smelled something burning near it. Is it safe to keep using?",
            "Not sure if it's smoke but a burnt smell is coming out of my {p} since this morning.",
        ],
    ),
    (
        "technical",
        "urgent",
        BATTERY,
        "Customer reports a swollen battery in their {P}.",
        [
            "The battery of my {p} looks swollen and the case is bulging open.",
            "I took the battery out of the {p} and it's puffed up. Should I be worried?",
            "Battery in the {p} is bulging, the cover won't close anymore.",
            "My {p} battery has swelled up like a pillow, is that dangerous?",
        ],
    ),
    (
        "technical",
        "urgent",
        POWERED,
        "Customer reports their {P} is overheating and may be a fire risk.",
        [
            "The {p} is so hot I can't touch it, even when it's just idle.",
            "My {p} is overheating badly, the casing near the cable feels like it's melting.",
            "I saw a spark when I plugged in the {p} and now it's very hot.",
            "The {p} is extremely hot to the touch after {n} hours. Is this a fire risk?",
        ],
    ),
    (
        "technical",
        "high",
        POWERED,
        "Customer's {P} is completely offline and will not reconnect.",
        [
            "My {p} has been offline for {n} days and nothing I try brings it back.",
            "The {p} won't turn on at all anymore. No lights, nothing.",
            "{p} shows offline in the app since {day} and restarting it didn't help.",
            "Completely dead {p}. Tried another cable and another socket, still no power.",
        ],
    ),
    (
        "technical",
        "high",
        POWERED,
        "Customer cannot pair their new {P} with the app.",
        [
            "I can't get my new {p} to pair, the QR code step fails every single time.",
            "Setup of the {p} keeps failing at the last step so I can't use it at all.",
            "Bought a {p} {n} days ago and it still won't connect during setup.",
            "The app never finds my {p} when I add it. Tried {n} times now.",
        ],
    ),
    (
        "technical",
        "high",
        CAMERAS,
        "Customer's {P} has stopped recording any clips.",
        [
            "My {p} stopped recording completely, there are no clips since {day}.",
            "No motion clips at all from the {p} anymore, even though people walk right past it.",
            "The {p} doesn't save any recordings now. The timeline is just empty.",
            "Zero recordings from my {p} for {n} days now.",
        ],
    ),
    (
        "technical",
        "medium",
        POWERED,
        "Customer's {P} disconnects from Wi-Fi intermittently.",
        [
            "My {p} drops off the Wi-Fi a few times a day and then comes back.",
            "The {p} keeps disconnecting every now and then, usually in the evening.",
            "Every couple of hours the {p} goes offline for a few minutes.",
            "{p} connection is flaky. It reconnects by itself but it's annoying.",
        ],
    ),
    (
        "technical",
        "medium",
        CAMERAS,
        "Customer reports poor video quality on their {P}.",
        [
            "Night vision on my {p} is blurry and washed out.",
            "The picture from the {p} has been grainy and pixelated lately.",
            "Video from the {p} looks foggy, especially in the morning.",
            "Live view on the {p} keeps buffering and the image is low quality.",
        ],
    ),
    (
        "technical",
        "medium",
        BATTERY,
        "Customer reports the {P} battery drains faster than expected.",
        [
            "The battery in my {p} only lasts about {n} days now.",
            "My {p} needs charging way too often, the battery goes down really quickly.",
            "Battery life on the {p} is much shorter than advertised, like {n} weeks.",
            "Why does the {p} battery empty so fast? It was full on {day}.",
        ],
    ),
    (
        "technical",
        "medium",
        CAMERAS,
        "Customer receives too many false motion alerts from their {P}.",
        [
            "I keep getting motion alerts from the {p} when nothing is there.",
            "The {p} sends me an alert for every passing car, it's too much.",
            "My cat sets off the {p} all day long.",
            "Getting about {n}0 pointless notifications a day from the {p}.",
        ],
    ),
    (
        "technical",
        "low",
        CAMERAS,
        "Customer asks how to set up activity zones on the {P}.",
        [
            "How do I draw activity zones on my {p}?",
            "Is there a way to make the {p} ignore the street? I'd like to set up zones.",
            "Where can I find the activity zone setting for the {p}?",
            "Can you explain how zones work on the {p}?",
        ],
    ),
    (
        "technical",
        "low",
        POWERED,
        "Customer asks how to check and update the {P} firmware.",
        [
            "How do I check which firmware my {p} is running?",
            "Is my {p} on the latest firmware? Where can I see that?",
            "Do firmware updates for the {p} install automatically?",
            "What's the newest firmware for the {p} and how do I update it?",
        ],
    ),
    (
        "technical",
        "low",
        CAMERAS,
        "Customer asks whether the {P} works with {a}.",
        [
            "Does the {p} work with {a}?",
            "Can I view my {p} through {a}?",
            "I'm planning to connect the {p} to {a}. Is that supported?",
            "Is {a} compatible with the {p}?",
        ],
    ),
    (
        "billing",
        "high",
        None,
        "Customer was charged twice for their Guard {plan} subscription.",
        [
            "I was charged twice for Guard {plan} this month, {amt} EUR both times.",
            "Two identical charges of {amt} EUR for my Guard {plan} plan appeared on my card.",
            "You billed me double for Guard {plan}. Please refund one of them.",
            "My bank shows the Guard {plan} payment taken twice on {day}.",
        ],
    ),
    (
        "billing",
        "high",
        None,
        "Customer was charged for Guard {plan} after cancelling it.",
        [
            "I cancelled Guard {plan} last month but you still took {amt} EUR.",
            "Why was I billed for Guard {plan}? I cancelled it on {day}.",
            "Cancelled my Guard {plan} subscription weeks ago and got charged again today.",
            "Still getting charged {amt} EUR for Guard {plan} even though I cancelled.",
        ],
    ),
    (
        "billing",
        "high",
        None,
        "Customer's Guard {plan} payment fails and cloud recording has stopped.",
        [
            "My card payment for Guard {plan} keeps failing and now cloud recording has stopped.",
            "Guard {plan} got paused because a payment failed, but my card is fine.",
            "Payment for Guard {plan} is declined every time I try, and clips are no longer saved.",
            "Can't pay for Guard {plan}, checkout errors out and my recordings stopped.",
        ],
    ),
    (
        "billing",
        "medium",
        POWERED,
        "Customer has not yet received the refund for a returned {P}.",
        [
            "I returned my {p} {n} days ago and still haven't got my refund.",
            "Where is my refund for the {p}? The return was delivered on {day}.",
            "The refund for the {p} I sent back hasn't shown up yet.",
            "Still waiting on my money back for the returned {p}, it's been {n} weeks.",
        ],
    ),
    (
        "billing",
        "medium",
        None,
        "Customer needs a corrected invoice for order {order}.",
        [
            "My invoice for order {order} shows the wrong company name, can you correct it?",
            "The VAT number is missing on the invoice for {order}, please send a new one.",
            "Invoice {order} has my old address on it. Could you reissue it?",
            "Need the invoice for order {order} corrected, the billing name is wrong.",
        ],
    ),
    (
        "billing",
        "medium",
        None,
        "Customer has not received the invoice for their Guard {plan} payment.",
        [
            "I paid for Guard {plan} on {day} but never got an invoice.",
            "No invoice arrived for my last Guard {plan} payment of {amt} EUR.",
            "Can you resend the Guard {plan} invoice? It's not in my email or in the app.",
            "The invoice for my {amt} EUR Guard {plan} charge is missing.",
        ],
    ),
    (
        "billing",
        "low",
        None,
        "Customer asks how to switch Guard {plan} to yearly billing.",
        [
            "Can I switch my Guard {plan} from monthly to yearly?",
            "How do I change to annual billing for Guard {plan}?",
            "Is yearly Guard {plan} cheaper, and how do I move to it?",
            "I'd like to pay for Guard {plan} once a year instead of monthly.",
        ],
    ),
    (
        "billing",
        "low",
        None,
        "Customer asks whether {pm} is accepted as a payment method.",
        [
            "Do you accept {pm} for payment?",
            "Can I pay with {pm} in your store?",
            "Which payment options do you have? I'd prefer {pm}.",
            "Is {pm} possible for the Guard subscription?",
        ],
    ),
    (
        "billing",
        "low",
        None,
        "Customer asks how to update the payment card for Guard {plan}.",
        [
            "How do I change the card used for my Guard {plan} subscription?",
            "My card expires next month, where do I update it for Guard {plan}?",
            "Need to put a new credit card on my account for the Guard {plan} billing.",
            "Where can I replace my payment card for Guard {plan} in the app?",
        ],
    ),
    (
        "shipping",
        "high",
        None,
        "Customer's order {order} shows as delivered but never arrived.",
        [
            "Tracking for order {order} says delivered but I have nothing.",
            "My parcel {order} was marked as delivered on {day}. It's not here.",
            "Order {order} was apparently delivered yesterday, and the neighbours don't have it either.",
            "The carrier says order {order} was handed over but I never received it.",
        ],
    ),
    (
        "shipping",
        "high",
        None,
        "Customer's order {order} appears lost with no tracking updates.",
        [
            "Order {order} hasn't moved in tracking for {n} days, I think it's lost.",
            "No tracking updates on {order} for over a week. Where is it?",
            "My package {order} seems to have vanished, tracking has been stuck since {day}.",
            "Parcel {order} is lost I think, the tracking page hasn't changed in {n} days.",
        ],
    ),
    (
        "shipping",
        "high",
        POWERED,
        "Customer received the wrong item instead of the {P} they ordered.",
        [
            "I ordered a {p} but received a different product.",
            "Wrong item in my box! I paid for a {p}.",
            "The package contained something else, not the {p} I ordered.",
            "Got the wrong device. My order was for a {p}.",
        ],
    ),
    (
        "shipping",
        "medium",
        None,
        "Customer's order {order} is later than the estimated delivery date.",
        [
            "Order {order} was supposed to arrive by {day} and it's still not here.",
            "My delivery {order} is running late. Any update?",
            "The estimated delivery date for {order} has passed already. When will it come?",
            "Still waiting for {order}, it's {n} days past the estimate.",
        ],
    ),
    (
        "shipping",
        "medium",
        POWERED,
        "Customer's {P} arrived in a damaged box.",
        [
            "My {p} arrived with a crushed box. The device seems okay but I'm worried.",
            "The box of the {p} was torn and wet on arrival.",
            "The packaging of my {p} was dented when it came.",
            "My {p} came in a damaged parcel, should I keep it?",
        ],
    ),
    (
        "shipping",
        "low",
        None,
        "Customer wants to change the delivery address for order {order}.",
        [
            "Can I change the delivery address for order {order}?",
            "I moved, please send {order} to my new address.",
            "Is it still possible to update the shipping address on {order}?",
            "I need to redirect {order} to my office instead of my home.",
        ],
    ),
    (
        "shipping",
        "low",
        None,
        "Customer asks about shipping times and costs to {c}.",
        [
            "How long does shipping to {c} take?",
            "What does delivery to {c} cost?",
            "Do you ship to {c}, and how fast?",
            "I'm thinking of ordering from {c}. What are the shipping options?",
        ],
    ),
    (
        "shipping",
        "low",
        POWERED,
        "Customer asks whether express delivery is available for a {P}.",
        [
            "Is there an express option? I need the {p} by the weekend.",
            "Can I pay extra for faster shipping of a {p}?",
            "Do you offer next-day delivery for the {p}?",
            "How quick is express delivery for a {p}?",
        ],
    ),
    (
        "account",
        "urgent",
        None,
        "Customer reports an unrecognised login and suspects account compromise.",
        [
            "Someone logged into my Halvard account from {city} and it wasn't me!",
            "I got a login alert from a device I don't own ({city}). Is my account hacked?",
            "There's an unknown session from {city} in my account and my cameras were viewed. Please lock it.",
            "My account was accessed by a stranger in {city} and the password was changed.",
        ],
    ),
    (
        "account",
        "urgent",
        CAMERAS,
        "Customer reports a former household member still watching their {P}.",
        [
            "My ex still has access to my {p} and is watching me. Please remove them now.",
            "A former roommate can still see my {p} feed. I need this stopped immediately.",
            "Someone I removed from the house is still viewing my {p} live. I feel unsafe.",
            "My ex-partner keeps watching the {p} stream. How do I cut their access right now?",
        ],
    ),
    (
        "account",
        "high",
        None,
        "Customer cannot log in to their Halvard account.",
        [
            "I can't log in, it says wrong password even after resetting it.",
            "Locked out of my account and the reset email never arrives.",
            "Login fails every time with error {err}.",
            "I can't sign in to the app since {day}, it keeps saying invalid credentials.",
        ],
    ),
    (
        "account",
        "high",
        None,
        "Customer lost their two-factor device and cannot access their account.",
        [
            "I lost my phone with the authenticator app and can't get into my account.",
            "New phone, old one wiped, and now my two-factor codes don't work. I'm locked out.",
            "My 2FA codes go to a phone number I no longer have, so I can't log in.",
            "Lost my recovery codes and my authenticator, please help me get back in.",
        ],
    ),
    (
        "account",
        "medium",
        None,
        "Customer's family sharing invitation to {name} is not working.",
        [
            "I invited {name} to my home but the invitation link doesn't work.",
            "{name} never received my family sharing invite.",
            "The invite I sent to {name} already says expired.",
            "{name} accepted the invite but can't see any cameras.",
        ],
    ),
    (
        "account",
        "medium",
        None,
        "Customer's email address change is not being confirmed.",
        [
            "I changed my email but the confirmation link doesn't work.",
            "Trying to update the email on my account, but I never got the confirmation.",
            "My email change has been stuck on pending for {n} days.",
            "The link to confirm my new email address says invalid.",
        ],
    ),
    (
        "account",
        "low",
        None,
        "Customer asks how to delete their Halvard account.",
        [
            "How do I delete my account and all my data?",
            "Please tell me how to close my Halvard account.",
            "I'd like to remove my account permanently. What are the steps?",
            "What happens to my clips if I delete my account, and how do I do it?",
        ],
    ),
    (
        "account",
        "low",
        None,
        "Customer asks how to export their personal data.",
        [
            "How can I download a copy of all my data?",
            "I want to export my account data, where is that option?",
            "Can I get a copy of the personal data you store about me?",
            "Where do I request a data export?",
        ],
    ),
    (
        "account",
        "low",
        None,
        "Customer asks how to enable two-factor authentication.",
        [
            "How do I turn on two-factor authentication?",
            "Can I use an authenticator app for 2FA on my account?",
            "Is there extra login security like 2FA available?",
            "Where do I switch on two-step verification?",
        ],
    ),
    (
        "other",
        "low",
        CAMERAS,
        "Customer suggests adding {f} to the {P}.",
        [
            "It would be great if the {p} had {f}.",
            "Feature request for the {p}: please add {f}.",
            "Any plans to give the {p} {f}? I'd really use it.",
            "Would love to see {f} on the {p} in a future update.",
        ],
    ),
    (
        "other",
        "low",
        None,
        "Customer asks which camera is best suited for {use}.",
        [
            "Which camera should I buy for {use}?",
            "Thinking about the Cam Mini vs the Cam Pro for {use}. What do you recommend?",
            "I need something for {use}. What would you suggest?",
            "Is the Cam Outdoor a good choice for {use}?",
        ],
    ),
    (
        "other",
        "low",
        POWERED,
        "Customer shares positive feedback about their {P}.",
        [
            "Just wanted to say I love my {p}, works great!",
            "Really happy with the {p}, setup took five minutes.",
            "Compliments to your team, the {p} has been flawless.",
            "The {p} is excellent. Thanks for a great product.",
        ],
    ),
    (
        "other",
        "low",
        None,
        "Sender asks for a press or business partnership contact.",
        [
            "I run a home security blog and would like to review your products. Who can I contact?",
            "We are a retailer interested in stocking Halvard. Whom should we talk to?",
            "Journalist here, looking for a press contact at Halvard.",
            "Our installation company wants to partner with Halvard. Is there a programme?",
        ],
    ),
    (
        "other",
        "medium",
        None,
        "Customer complains about slow responses from customer support.",
        [
            "I've emailed support {n} times and nobody replies.",
            "Your support chat kept me waiting for an hour, this is frustrating.",
            "Very disappointed with how long support takes to answer me.",
            "This is my third time writing and there is still no answer from your team.",
        ],
    ),
]

GREETINGS = ["", "", "", "Hi,", "Hello,", "Hey there,", "Good morning,", "Hi Halvard team,", "Dear support,"]
CLOSERS = [
    "",
    "",
    "",
    "Thanks.",
    "Thanks in advance!",
    "Please help.",
    "Regards, {name}",
    "Cheers, {name}",
    "Any help appreciated.",
]


def _typo(text: str, rng: random.Random) -> str:
    """Swap two adjacent letters inside one random word longer than four letters."""
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if not idx:
        return text
    i = rng.choice(idx)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def _fill(template: str, vals: dict[str, str]) -> str:
    """Substitute {slot} placeholders; the first character is capitalised when a slot starts the text."""
    out = template.format(**vals)
    if template.startswith("{"):
        out = out[0].upper() + out[1:]
    return out


def make_ticket(scn, core: str, rng: random.Random) -> tuple[str, dict]:
    """Render one ticket text and its target from a scenario and a core template."""
    category, priority, pool, summary_t, _cores = scn
    vals = {k: rng.choice(v) for k, v in SLOTS.items()}
    prod = rng.choice(pool) if pool else rng.choice(POWERED)
    vals["P"] = prod
    vals["p"] = rng.choice(PRODUCTS[prod])
    plan = rng.choice(sorted(PLANS))
    vals["plan"] = plan
    vals["amt"] = rng.choice(PLANS[plan])
    vals["order"] = f"HV-{rng.randrange(100000, 999999)}"
    body = _fill(core, vals)
    if rng.random() < 0.12:
        body = _typo(body, rng)
    if rng.random() < 0.08:
        body = body.lower()
    parts = [rng.choice(GREETINGS), body, rng.choice(CLOSERS).format(**vals)]
    ticket = " ".join(p for p in parts if p)
    summary = summary_t.format(**vals)
    assert len(summary.split()) <= 18, summary
    return ticket, {"category": category, "priority": priority, "summary": summary}


def build_behaviour(rng: random.Random, n_train: int = 300, n_test: int = 100):
    """Train/test tickets; test uses each scenario's held-out wording template."""
    cats = sorted({s[0] for s in SCENARIOS})
    by_cat = {c: [s for s in SCENARIOS if s[0] == c] for c in cats}
    seen: set[str] = set()

    def draw(n: int, test: bool) -> list[dict]:
        rows: list[dict] = []
        while len(rows) < n:
            cat = cats[len(rows) % len(cats)]
            scn = rng.choice(by_cat[cat])
            cores = scn[4]
            core = cores[-1] if test else rng.choice(cores[:-1])
            ticket, target = make_ticket(scn, core, rng)
            if ticket.lower() in seen:
                continue
            seen.add(ticket.lower())
            rows.append({"ticket": ticket, "target": target})
        rng.shuffle(rows)
        return rows

    train = draw(n_train, test=False)
    test = draw(n_test, test=True)
    train = [{"id": f"t-{i:04d}", **r} for i, r in enumerate(train, start=1)]
    test = [{"id": f"t-{i:04d}", **r} for i, r in enumerate(test, start=n_train + 1)]
    return train, test


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> None:
    """Generate all data files."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "data", help="output directory (default: data/)")
    args = ap.parse_args(argv)
    src = _load_source()
    out: Path = args.out
    v1, v2, ids, changes = build_kb(src)
    questions = build_questions(src, ids, v1, v2, random.Random(SEED + 1))
    e_train, e_test = build_embedding_pairs(src, ids, v1, random.Random(SEED + 2))
    b_train, b_test = build_behaviour(random.Random(SEED + 3))
    files = {
        "kb_v1.jsonl": v1,
        "kb_v2.jsonl": v2,
        "changes.jsonl": changes,
        "questions.jsonl": questions,
        "behaviour/train.jsonl": b_train,
        "behaviour/test.jsonl": b_test,
        "embeddings/train.jsonl": e_train,
        "embeddings/test.jsonl": e_test,
    }
    for name, rows in files.items():
        write_jsonl(out / name, rows)
        print(f"{name:24s} {len(rows):4d} rows")


if __name__ == "__main__":
    main()
