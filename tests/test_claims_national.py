"""The national claim sets, each written by someone who saw neither the code nor the other sets: 124 claims over 28
real Ofsted reports (tests/data/claims-national/), 77 over 16 others (claims-national-2/), 102 over 27 more
(claims-national-3/), 70 over 20 more (claims-national-4/), 106 over 28 more (claims-national-5/), 118 over 26
more (claims-national-6/), 119 over 28 more (claims-national-7/), 117 over 28 more (claims-national-8/) and 115
over 28 more (claims-national-9/), 116 over 28 more (claims-national-10/), 132 over 28 more (claims-national-11/),
120 over 28 more (claims-national-12/), 217 over 28 more (claims-national-13/), 119 over 28 more
(claims-national-14/), 134 over 28 more (claims-national-15/), 132 over 28 more (claims-national-16/), 132
over 28 more (claims-national-17/), 132 over 28 more (claims-national-18/), 130 over 28 more (claims-national-19/),
130 over 28 more (claims-national-20/), 130 over 28 more (claims-national-21/), 130 over 28 more
(claims-national-22/), 130 over 28 more (claims-national-23/), 130 over 28 more (claims-national-24/), 130 over 28
more (claims-national-25/), 130 over 28 more (claims-national-26/), 130 over 28 more (claims-national-27/), 130
over 28 more (claims-national-28/), 130 over the last 27 reports of the record no set had used (claims-national-29/),
130 over 27 reports of earlier sets, one per council (claims-national-30/), 130 over 27 more of them
(claims-national-31/), 130 over 27 more (claims-national-32/), 130 over 27 more (claims-national-33/), 130 over
27 more (claims-national-34/), 130 over 27 more (claims-national-35/), 130 over 27 more (claims-national-36/),
130 over 27 more (claims-national-37/), 130 over 27 more (claims-national-38/), 130 over 27 more
(claims-national-39/), 130 over 27 more (claims-national-40/), 130 over 27 more (claims-national-41/), 130 over
27 more (claims-national-42/), 130 over 27 more (claims-national-43/), 130 over 27 more (claims-national-44/), 130
over 27 more (claims-national-45/), 130 over 27 more (claims-national-46/), 130 over 27 more
(claims-national-47/), 130 over 27 more (claims-national-48/), 130 over 27 more (claims-national-49/) and 130 over
27 more (claims-national-50/).

Each set was measured blind once before a round of rule changes and once after (docs/claims.md); after that its
misses may teach general rules, so sets 1-13, 15 and 16 are spent (in the eighth session set 15 after its first run
and set 16 after its second, each with a newer set written before the change to measure it); the leaks of sets 14,
17 and 18 were read in the thirteenth session (round 23), after two or more runs each; the leaks of sets 21 and 22
were seen in the fifteenth session (after three and four runs) and no rule was written from them; those of sets 25
and 26 were read then, after their second runs (round 26); set 27's in the sixteenth session, after its second run
(round 27); those of sets 28, 29 and 30 in the seventeenth, after their second runs (rounds 28-30); those of sets
31, 32 and 33 in the eighteenth, after their second runs (rounds 31-33); those of sets 34 and 35 in the nineteenth,
after their second runs (round 35), set 36's and set 37's after theirs (rounds 36 and 37); set 38's, 39's and 40's
in the twentieth and twenty-first, set 41's in the twenty-first (rounds 38-41), set 42's in the twenty-second (round
42), set 43's in the twenty-third (round 43), sets 44's and 45's in the twenty-fourth (rounds 45 and 46), set 46's
in the twenty-fifth (round 47), set 47's in the twenty-sixth (round 48), set 48's in the twenty-seventh (round
49), set 49's in the twenty-eighth (round 50); sets 19, 23, 24 and 50 are unread. The
floors below are the measured figures; the issue's targets (accuracy >= 0.9, no altered claim passed) are not met on
every set and are kept as strict expected failures, so meeting them turns the suite red until they become floors.

Each set needs an index of its reports embedded by the real model (two to four minutes on two cores). To keep
`make test` well under 15 minutes it runs the newest set (50); the others carry the `spent_claims` mark and run
with `make test-all` (run before every change to the claim rules; figures in docs/claims.md).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.types import Verdict

from .conftest import DATA

pytestmark = pytest.mark.slow

KINDS = {"opposite", "grade", "scope", "authority", "negation", "quantifier", "number", "date"}
# Sets 7 and 8 were asked for with the helpers' words: "antonym" and "council" for the checker's opposite and
# authority, a widened scope counted under "quantifier".
SAME_KIND = {"antonym": "opposite", "council": "authority"}


def _assistant(tmp_path_factory, embedder, reports: Path):
    from assistant.api import Assistant, build_settings
    from assistant.ingest.index import build_index, load_index

    index_dir = tmp_path_factory.mktemp("national") / "index"
    settings = Settings(corpus_dirs=(reports,), index_dir=index_dir)
    build_index([reports], index_dir, build_settings(settings), embedder, progress=None)
    return Assistant(load_index(index_dir, build_settings(settings), [reports]), settings, embedder)


def _entries(claims: Path) -> list[dict]:
    return [json.loads(line) for line in claims.read_text(encoding="utf-8").splitlines() if line.strip()]


def _accuracy(results) -> float:
    return sum(entry["verdict"] == check.verdict.value for entry, check in results) / len(results)


def _passed_altered(results) -> list[str]:
    confirmed = (Verdict.VERBATIM, Verdict.SUPPORTED)
    return [e["id"] for e, c in results if e["verdict"] == "altered" and c.verdict in confirmed]


@dataclass(frozen=True)
class NationalSet:
    """One blind set: its reports, its claims and the floors measured on it (accuracy, altered claims passed)."""

    name: str
    reports: Path
    claims: Path
    floor: float
    leaks: int
    kinds: frozenset[str] = frozenset(KINDS - {"authority"})
    spent: bool = True  # spent sets run under `make test-all` only
    targets_met: bool = False  # issue 14's targets (accuracy >= 0.9, no altered claim passed) hold on it


NO_SCOPE = frozenset(KINDS - {"scope"})
# Round 16 (tenth session: a long quotation is what its framing claims, and the framing's date is checked against
# the document quoted) raised sets 1, 3, 4, 6, 10-17 by 1-6 claims each and let no altered claim pass; the floors
# below are those figures rounded down. Unread sets: 14 91/119, 17 109/132, 18 104/132. WordNet synonyms from six
# senses (not three) then raised sets 6, 11, 12, 13 and 15 by 1-2 claims each and set 19 to 101/130, none passed.
# Round 17 (proportions and year spans however written, a negation moved within its sentence, numbers never
# opposites, a rating verb's object before the grade, "at the ... inspection", a grade the sentence itself states)
# raised the spent sets 1,498 -> 1,504 of 1,799: set 7 now meets the targets (109/119, none passed); unread set 17
# 109 -> 112 with one altered claim fewer passed (4), sets 14, 18 and 19 unchanged. Round 18 (a grade of a service
# graded elsewhere or of many councils is no council's judgement): spent 1,504 -> 1,510, unread set 17 113. Round 19
# (frequencies, "a low number", "100%", "at first"): spent 1,510 -> 1,513; unread sets unchanged.
SETS = (
    # Measured (docs/claims.md), 2026-11-30, fp32 ONNX vectors, the code of the fifth session's round 8: set 1
    # 111/124, set 2 56/77, set 3 86/102, set 4 55/70, set 5 88/106, set 6 97/118, none with an altered claim passed.
    # Set 1 meets issue 14's targets since the seventh session (112/124, none passed).
    NationalSet("1", DATA / "claims-national", DATA / "claims_national_blind.jsonl", 0.89, 0, targets_met=True),
    NationalSet("2", DATA / "claims-national-2", DATA / "claims_national_blind2.jsonl", 0.76, 0),
    NationalSet("3", DATA / "claims-national-3", DATA / "claims_national_blind3.jsonl", 0.85, 0),
    # Set 4 meets issue 14's targets since round 35 (nineteenth session): 63/70, none passed.
    NationalSet("4", DATA / "claims-national-4", DATA / "claims_national_blind4.jsonl", 0.90, 0, targets_met=True),
    NationalSet("5", DATA / "claims-national-5", DATA / "claims_national_blind5.jsonl", 0.82, 0),
    # Round 21 (eleventh session) cost set 6 one claim (h14, written as not found: its nearest sentence says the
    # opposite, and the checker now calls it altered): 100 -> 99/118.
    NationalSet("6", DATA / "claims-national-6", DATA / "claims_national_blind6.jsonl", 0.83, 0),
    # Set 7 (119 claims over 28 reports, written in the fourth session before round 6): blind first run 100/119 with
    # 1 passed (k59); second run, after round 6, the same; after round 7 (its lessons) 106/119 with none; 108/119
    # after round 33 (eighteenth session: k52 reworded once its paragraph's number left the sentence). 107/119
    # (0.899) after the twenty-second session's closer-wording rule (k27, an honest claim, now altered by a sentence
    # following more of its words): it no longer meets the targets.
    NationalSet("7", DATA / "claims-national-7", DATA / "claims_national_blind7.jsonl", 0.89, 0, NO_SCOPE),
    # Set 8 (117 claims over 28 more reports, written in the fourth session after round 6, before round 7): blind
    # first run 98/117 with none passed; second run, after round 7, 98/117 with none; 99/117 after the condition
    # check accepted any stated condition ("if needed" for "if required"); 100/117 after round 8.
    NationalSet("8", DATA / "claims-national-8", DATA / "claims_national_blind8.jsonl", 0.87, 0, NO_SCOPE),
    # Set 9 (115 claims over 28 more reports, written in the fifth session before round 8): blind first run 82/115
    # with 1 passed (q024, "many" for "a small number of" after a clause saying "not all ... consistently"); second
    # run, after round 8, the same; then spent: q024 taught that a clause after "and" with its own quantifier is
    # governed by it: 83/115 with none.
    NationalSet("9", DATA / "claims-national-9", DATA / "claims_national_blind9.jsonl", 0.8, 0, NO_SCOPE),
    # Set 10 (116 claims over 28 more reports, written in the sixth session; no claim rule had changed since set 9's
    # round): blind first run 87/116 with 1 passed (r095: "care leavers ... judged good, alongside every other area
    # of its children's services", read as the overall grade); the same on the fifth session's code. Then spent: the
    # area a claim names is what it grades, and "every other area" claims them all: 88/116 with none.
    NationalSet("10", DATA / "claims-national-10", DATA / "claims_national_blind10.jsonl", 0.79, 0),
    # Set 11 (132 claims over 28 more reports, written in the seventh session before round 9): blind first run
    # 93/132 with 2 passed (s040 "every" for "nearly all", s077 a splice hiding "well understood"); second run,
    # after round 9, 97/132 with the same 2; then spent: round 10 caught both.
    NationalSet("11", DATA / "claims-national-11", DATA / "claims_national_blind11.jsonl", 0.8, 0),
    # Set 12 (120 claims over 28 more reports, written after round 9): blind first run 86/120 with 3 passed
    # (quantifiers dropped or widened); second run, after round 10, 87/120 with 2 (t019, t047); then spent: round 11
    # caught both.
    NationalSet("12", DATA / "claims-national-12", DATA / "claims_national_blind12.jsonl", 0.77, 0),
    # Set 13 (217 claims over 28 more reports, written after round 10): blind first run 172/217 with 5 passed;
    # second run, after round 11, the same. Then spent: round 12 (opposites a quantifier word or the same word
    # elsewhere had hidden) caught three of them; the rest are limits (docs/claims.md).
    # Round 15 (ninth session) caught w059, a quote that leaves out the condition before it: 178/217 with 1.
    NationalSet("13", DATA / "claims-national-13", DATA / "claims_national_blind13.jsonl", 0.85, 1),
    # Set 14 (119 claims over 28 more reports, written at the end of the seventh session): blind first run, on that
    # session's last code (after round 12), 91/119 with 2 passed (x048, x068); second run, after round 13 (eighth
    # session), 90/119 with the same 2; after round 14 the same; 96/119 with 1 after round 22. Its leak was read in
    # the thirteenth session: round 23 (a grade said of "all four judgement areas") 97/119 with none.
    NationalSet("14", DATA / "claims-national-14", DATA / "claims_national_blind14.jsonl", 0.81, 0),
    # Set 15 (134 claims over 28 more reports, eighth session): blind first run 102/134 with 6 passed; then spent:
    # round 13 caught four (y047, y064, y068, y089): 105/134 with 2 (y027, y094; docs/claims.md, limits).
    # Round 25 (fifteenth session: a dropped phrase narrowing a group, "for young children") caught y027: 1 left.
    NationalSet("15", DATA / "claims-national-15", DATA / "claims_national_blind15.jsonl", 0.82, 1),
    # Set 16 (132 claims over 28 more reports, eighth session): blind first run, before round 13, 102/132 with 7
    # passed; second run, after it, the same. Then spent: round 14 caught four (z021, z099, z101, z103): 106/132
    # with 3 (z105, z113, z128: dropped restrictions that are not quantifiers, and a paraphrase of another
    # sentence).
    # Round 25 (fifteenth session: an alignment from the claim's opening words) caught z113: 114/132 with 2.
    NationalSet("16", DATA / "claims-national-16", DATA / "claims_national_blind16.jsonl", 0.85, 2),
    # Set 17 (132 claims over 28 more reports, eighth session): blind first run, before round 14, 105/132 with 5
    # passed; second run, after it, the same; 113/132 with 4 after round 18. Its leaks were read in the thirteenth
    # session: round 23 (a dropped modifier of the subject, a council named for a team of it) 116/132 with 1 (v084).
    NationalSet("17", DATA / "claims-national-17", DATA / "claims_national_blind17.jsonl", 0.87, 1),
    # Set 18 (132 claims over 28 more reports, ninth session): blind first run, before round 15, 103/132 with 4
    # passed; second run, after it, the same; 104/132 after round 16; 106/132 with 3 after round 22. Its leaks were
    # read in the thirteenth session: round 23 ("No" before the stretch, "higher than" is "above", "well developed"
    # for "underdeveloped") 109/132 with none.
    NationalSet("18", DATA / "claims-national-18", DATA / "claims_national_blind18.jsonl", 0.82, 0),
    # Set 19 (130 claims over 28 more reports, tenth session): blind first run, on the code before round 16, 93/130
    # with none of 55 altered claims passed; second run, after round 16, 99/130 with none; 101/130 after the
    # synonyms of six senses. Not read; under `make test-all` since set 20.
    NationalSet("19", DATA / "claims-national-19", DATA / "claims_national_blind19.jsonl", 0.79, 0, NO_SCOPE),
    # Set 20 (130 claims over 28 more reports, eleventh session): blind first run, on the claim rules as the tenth
    # session left them, 101/130 with 3 of 55 altered claims passed; second run, after round 20 (another council's
    # finding reworded), 103/130 with 3. Spent in the twelfth session, when set 21 became the forecast: round 22
    # ("Not" before a stretch's "all", an opposite among the claim word's neighbours, a council's name split across
    # the alignment) 106/130 with 1 (w007); 104/130 after round 33 (eighteenth session: a paragraph's number left
    # out of its sentence moved w012 and w096).
    # (Twenty-second session: its last leak, w007, caught by the closer-wording rule: 106/130, none passed.)
    NationalSet("20", DATA / "claims-national-20", DATA / "claims_national_blind20.jsonl", 0.80, 0, NO_SCOPE),
    # Set 21 (130 claims over 28 more reports, twelfth session): blind first run, on the code before the session's
    # changes, 114/130 with 1 of 55 altered claims passed; second run, after round 22 and the session's area and
    # judgement changes, the same; after round 23 (thirteenth session) the same; 115/130 after round 24. Not read;
    # under `make test-all` since set 22.
    # (Twenty-second session: its leak caught by the closer-wording rule: 117/130 (0.900), none passed: the targets.)
    NationalSet(
        "21", DATA / "claims-national-21", DATA / "claims_national_blind21.jsonl", 0.90, 0, NO_SCOPE, targets_met=True
    ),
    # Set 22 (130 claims over 28 more reports, thirteenth session): blind first run, on the code before the
    # session's changes (19b3e24), 106/130 with 1 of 55 altered claims passed; second run, after round 23, the same;
    # after round 24 (fourteenth session) the same. Not read; under `make test-all` since set 24.
    NationalSet("22", DATA / "claims-national-22", DATA / "claims_national_blind22.jsonl", 0.81, 1, NO_SCOPE),
    # Set 23 (130 claims over 28 more reports, fourteenth session): blind first run, on the session's base
    # (8ed6080), 102/130 with 2 of 55 altered claims passed; second run, after round 24, the same. Not read.
    # Round 26 (fifteenth session) cost it one verdict: 101/130, the same 2 passed.
    NationalSet("23", DATA / "claims-national-23", DATA / "claims_national_blind23.jsonl", 0.77, 2, NO_SCOPE),
    # Set 24 (130 claims over 28 more reports, fourteenth session, written before round 24): blind first
    # run, on 8ed6080, 114/130 with 1 of 55 altered claims passed; second run, after round 24, 116/130 with 1; the
    # same after its age rule; the same after round 25 (fifteenth session); 115/130 after round 33 (eighteenth
    # session). Not read; under `make test-all` since set 26.
    # (Twenty-second session: 115 -> 114/130 after the closer-wording rule, unread: floor 0.88 -> 0.87.)
    NationalSet("24", DATA / "claims-national-24", DATA / "claims_national_blind24.jsonl", 0.87, 1, NO_SCOPE),
    # Sets 25 and 26 (130 claims each over 28 more reports, fifteenth session, with scope changes among the kinds):
    # blind first runs, on the session's base (e750a65), 109/130 with 2 of 56 altered claims passed and 108/130
    # with 4; second runs, after round 25, the same. Then read: round 26 (a phrase narrowing a group after the
    # stretch or between a group and its verb, the inspectors' work "reviewed during the visit", "For those ...",
    # a part named by a past participle) 110/130 with 1 and 111/130 with 1; set 26 110/130 after round 33.
    NationalSet("25", DATA / "claims-national-25", DATA / "claims_national_blind25.jsonl", 0.84, 1, KINDS),
    # (Twenty-second session: 111 -> 109/130 after the closer-wording rule: floor 0.84 -> 0.83.)
    NationalSet("26", DATA / "claims-national-26", DATA / "claims_national_blind26.jsonl", 0.83, 1, KINDS),
    # Set 27 (130 claims over 28 more reports, fifteenth session, written before round 26): blind first run, on
    # round 25's code (8da4c8b), 103/130 with 7 of 56 altered claims passed (the same on e750a65); second run, after
    # round 26, the same. Read in the sixteenth session (round 27: a council put where the source names a group by a
    # "with"/"by" phrase; "all" kept without the "not" before it): 106/130 with 4.
    # Round 28 (seventeenth session: a group's qualifier replaced, "Newly qualified" dropped): 109/130 with 1.
    NationalSet("27", DATA / "claims-national-27", DATA / "claims_national_blind27.jsonl", 0.83, 1, KINDS),
    # Set 28 (130 claims over 28 more reports, sixteenth session, written before round 27): blind first run, on the
    # session's base (3b15e80), 107/130 with 3 of 56 altered claims passed (all widened scope); second run, after
    # round 27, the same. Read in the seventeenth session: round 28 109/130 with 1 (r007, "At key stage 2,").
    NationalSet("28", DATA / "claims-national-28", DATA / "claims_national_blind28.jsonl", 0.83, 1, KINDS),
    # Set 29 (130 claims over the record's last 27 unused reports, seventeenth session, written before round 28):
    # blind first run, on the session's base (dfb0e0f), 95/130 with 5 of 56 altered claims passed; second run, after
    # round 28, the same. Then read: round 29 (a restrictive "who" clause or a share of cases dropped, "out of
    # borough", "A rather than B" swapped, a conjunct of the subject's "who" clause) 100/130 with 1 (s046,
    # "adequate", a grade of the framework before 2013 whose judgements the reader does not parse).
    # (Twenty-second session: its last leak, s046, caught by the closer-wording rule: 101/130, none passed.)
    NationalSet("29", DATA / "claims-national-29", DATA / "claims_national_blind29.jsonl", 0.77, 0, KINDS),
    # Set 30 (130 claims over 27 reports of earlier sets, one per council, seventeenth session, written before round
    # 29 by a helper who saw only their texts): blind first run, on dfb0e0f, 102/130 with 7 of 56 altered claims
    # passed; second run, after rounds 28 and 29, 103/130 with 6. Then read: round 30 (a negation just before the
    # stretch, "in the evenings and at weekends", "younger children", "under the age of 21", "seen within the scope
    # of this visit") 108/130 with 1 (t059, "well advanced" for "in their infancy").
    NationalSet("30", DATA / "claims-national-30", DATA / "claims_national_blind30.jsonl", 0.83, 1, KINDS),
    # Set 31 (130 claims over 27 more reports of earlier sets, one per council none of sets 29-30 had, seventeenth
    # session, written before round 30): blind first run, on round 29's code (97d396f; the same on dfb0e0f),
    # 100/130 with 3 of 56 altered claims passed; second run, after round 30, the same. Read in the eighteenth
    # session: round 31 (a dropped "newly qualified", "living within the borough" or "for children in care" inside a
    # longer phrase; ", Ofsted said of Hounslow" is attribution; "In most Tameside teams," no place lead-in; "18th"
    # states 18; "not enough" is "insufficient") 106/130 with none passed.
    NationalSet("31", DATA / "claims-national-31", DATA / "claims_national_blind31.jsonl", 0.81, 0, KINDS),
    # Set 32 (130 claims over 27 reports of earlier sets, one per council none of sets 29-31 had, eighteenth session,
    # written before round 31 by a helper who saw only their texts): blind first run, on the session's base
    # (20a38dc), 103/130 with 2 of 56 altered claims passed; second run, after round 31, the same. Then read: round
    # 32 (a stretch ending inside "for a small number of children", "the very small number of", ", Ofsted told
    # Enfield", "one another", "a month's" for "one-month", "just as") 108/130 with none passed.
    NationalSet("32", DATA / "claims-national-32", DATA / "claims_national_blind32.jsonl", 0.83, 0, KINDS),
    # Set 33 (130 claims over 27 more reports of earlier sets, one per council none of sets 29-32 had, eighteenth
    # session, written before round 32 by a helper who saw only their texts): blind first run, on round 31's code
    # (1b35349), 106/130 with 1 of 56 altered claims passed; second run, after round 32, the same. Then read: round
    # 33 (a paragraph's number is no part of its sentence, "1,265" is one number, "almost every", "18-year-old")
    # 108/130 with 1 (w017, "risen" for "reduced": opposed only through WordNet's troponyms of increase/decrease).
    NationalSet("33", DATA / "claims-national-33", DATA / "claims_national_blind33.jsonl", 0.83, 1, KINDS),
    # Set 34 (130 claims over 27 more reports of earlier sets, one per council none of sets 29-33 had, eighteenth
    # session, written before round 33 by a helper who saw only their texts): blind first run, on round 32's code
    # (fc2108a), 98/130 with 3 of 56 altered claims passed; second run, after round 33, 97/130 with 3; the same
    # after round 34. Read in the nineteenth session (round 35): 101/130 with none passed.
    NationalSet("34", DATA / "claims-national-34", DATA / "claims_national_blind34.jsonl", 0.77, 0, KINDS),
    # Set 35 (130 claims over 27 more reports of earlier sets, one per council none of sets 32-34 had, eighteenth
    # session, written before round 34 by a helper who saw only their texts): blind first run, on round 33's code
    # (a2ebde6), 111/130 with 4 of 56 altered claims passed; second run, after round 34, the same. Read in the
    # nineteenth session (round 35: a grade kept where the source gives another, "in crisis" after a group of
    # people, "newly qualified" late in a sentence, a numbered recommendation): 116/130 with none passed.
    # (Twenty-second session: 117 -> 115/130 after the closer-wording rule: floor 0.89 -> 0.88.)
    NationalSet("35", DATA / "claims-national-35", DATA / "claims_national_blind35.jsonl", 0.88, 0, KINDS),
    # Set 36 (130 claims over 27 more reports of earlier sets, one per council none of sets 33-35 had, nineteenth
    # session, written before round 35 by a helper who saw only their texts): blind first run, on the session's
    # base (31094ac), 109/130 with 3 of 56 altered claims passed; second run, after round 35, 110/130 with 3. Then
    # read: round 36 ("under five" is an age limit, a quantifier counted, "social workers" no adjective) 113/130
    # with 1 passed.
    NationalSet("36", DATA / "claims-national-36", DATA / "claims_national_blind36.jsonl", 0.86, 1, KINDS),
    # Set 37 (130 claims over 27 more reports of earlier sets, one per council none of sets 34-36 had, nineteenth
    # session, written before round 36 by a helper who saw only their texts): blind first run, on round 35's code
    # (89595c6), 94/130 with none of 56 altered claims passed; second run, after round 36, the same. Then read:
    # round 37 (Ofsted's document named by its council, "said of Hillingdon that", "inspectors were told",
    # "eighteenth", a "lack of" moved within its sentence) 99/130 with none passed.
    NationalSet("37", DATA / "claims-national-37", DATA / "claims_national_blind37.jsonl", 0.76, 0, KINDS),
    # Set 38 (130 claims over 27 more reports of earlier sets, one per council none of sets 35-37 had, nineteenth
    # session, written before round 37 by a helper who saw only their texts): blind first run, on round 36's code
    # (096e7a9), 102/130 with 4 of 56 altered claims passed; second run, after round 37, 103/130 with 4. Read in
    # the twentieth session (round 38: closing tags, "in Gloucestershire" with no comma, words after a "Not", "For
    # newly referred children,", "all referrals in relation to ...", a loose own paraphrase): 113/130 with 1.
    NationalSet("38", DATA / "claims-national-38", DATA / "claims_national_blind38.jsonl", 0.86, 1, KINDS),
    # Set 39 (130 claims over 27 more reports of earlier sets, one per council none of sets 36-38 had, twentieth
    # session, written before round 38 by a helper who saw only their texts): blind first run, on the session's base
    # (0a284d3), 110/130 with 2 of 56 altered claims passed; second run, after round 38, the same. Then read: round
    # 39 (quantifiers counted when the kinds agree, a "some" later in the sentence, a claim's own condition clause)
    # 113/130 with 1 passed.
    # (Twenty-third session: 112 -> 111/130 after round 44, ae027 a changed year now not found: floor 0.86 -> 0.85.
    # Twenty-fourth: 111 -> 110/130 after round 46: with ", according to Ofsted" read as attribution two claims the
    # reports do not make, ae075 and ae099, are called altered, a number added to a close sentence: floor 0.84.)
    NationalSet("39", DATA / "claims-national-39", DATA / "claims_national_blind39.jsonl", 0.84, 1, KINDS),
    # Set 40 (130 claims over 27 more, one per council none of sets 37-39 had, twentieth session, written before
    # round 39 by a helper who saw only their texts): blind first run, on round 38's code (50815fb), 111/130 with 5
    # of 56 altered claims passed; second run, after round 39, the same (every verdict). Read in the twenty-first
    # session (round 40: "has yet to", a subject's "who" clause the stretch starts inside or cuts short, "In
    # stronger examples,", "nor do they", a reordered quantifier): 116/130 with 1.
    NationalSet("40", DATA / "claims-national-40", DATA / "claims_national_blind40.jsonl", 0.89, 1, KINDS),
    # Set 41 (130 claims over 27 more, one per council none of sets 38-40 had, twenty-first session, written before
    # round 40 by a helper who saw only their texts): blind first run, on the session's base (23d0a5e), 107/130 with
    # none of 56 altered claims passed; second run, after round 40, 108/130 with none. Then read: round 41 ("at
    # times", "the staff inspectors met", "care-experienced young people") 109/130 with none.
    NationalSet("41", DATA / "claims-national-41", DATA / "claims_national_blind41.jsonl", 0.83, 0, KINDS),
    # Set 42 (130 claims over 27 more, one per council none of sets 39-41 had, twenty-first session, written before
    # round 41 by a helper who saw only their texts): blind first run, on round 40's code (e68a9f6), 107/130 with 2 of
    # 56 altered claims passed; second run, after round 41, the same (every verdict). Read in the twenty-second
    # session: round 42 (contractions spelled out, a year put in place of the source's, a synonym the claim keeps,
    # "Ofsted wants X to", a who clause said in other words) 114/130 with 1.
    NationalSet("42", DATA / "claims-national-42", DATA / "claims_national_blind42.jsonl", 0.87, 1, KINDS),
    # Set 43 (130 claims over 27 more, one per council none of sets 40-42 had, twenty-second session, written before
    # round 42 by a helper who saw only their texts): blind first run, on the session's base (6eb8a66), 109/130 with
    # 2 of 56 altered claims passed; second run, after round 42's first rules, the same; third, after its last
    # (a negation inside a qualifying clause, the closer-wording rule), the same. Read in the twenty-third session:
    # round 43 (a fronted "In most cases," or "a small minority of" dropped from words that stand verbatim, "too
    # late" for "not early enough", a month the stretch does not reach) 114/130 with none passed.
    NationalSet("43", DATA / "claims-national-43", DATA / "claims_national_blind43.jsonl", 0.87, 0, KINDS),
    # Set 44 (130 claims over 27 more, one per council none of sets 41-43 had, twenty-third session, written before
    # round 43 by a helper who saw only their texts): blind first run, on the session's base (92c998f), 113/130 with
    # 3 of 56 altered claims passed; second run, after round 43, the same (every verdict); third, after round 44,
    # 114/130 with 3. Read in the twenty-fourth session: round 45 (a change the report's own graded sentence shows
    # stands beside the judgement line, a group phrase ends at a qualifying word, a listed shortfall said as one)
    # 118/130 with none passed.
    NationalSet("44", DATA / "claims-national-44", DATA / "claims_national_blind44.jsonl", 0.9, 0, KINDS),
    # Set 45 (130 claims over 27 more, one per council none of sets 42-44 had, twenty-third session, written before
    # round 44 by a helper who saw only their texts): blind first run, on round 43's code (a6eeb0e), 106/130 with 2 of
    # 56 altered claims passed; second run, after round 44, the same (every verdict); third, after round 45, the same.
    # Read in the twenty-fourth session: round 46 (a grade denied, trailing "according to", "wait too long to", a
    # condition in other forms, a qualifying clause kept in the claim's words) 111/130 with 2 passed.
    NationalSet("45", DATA / "claims-national-45", DATA / "claims_national_blind45.jsonl", 0.85, 2, KINDS),
    # Set 46 (130 claims over 27 more, one per council none of sets 43-45 had, twenty-fourth session, written before
    # round 45 by a helper who saw only their texts): blind first run, on the session's base (bfad779), 110/130 with
    # 2 of 56 altered claims passed; second run, after round 45, the same (every verdict); third, after round 46,
    # 111/130 with 2. Read in the twenty-fifth session: round 47 (a hyphenated compound opening the clause, a year
    # the sentence states outside the stretch, a claim saying both opposites, a further passage holding the claim's
    # words with an opposite) 116/130 with none passed.
    NationalSet("46", DATA / "claims-national-46", DATA / "claims_national_blind46.jsonl", 0.89, 0, KINDS),
    # Set 47 (130 claims over 27 more, one per council none of sets 44-46 had, twenty-fifth session, written before
    # round 47 by a helper who saw only their texts): blind first run, on the session's base (23a127a), 108/130 with
    # 0 of 56 altered claims passed; second run, after round 47, the same (every verdict). Read in the twenty-sixth
    # session: round 48 (Ofsted's visit named with its year and council is attribution, "lots of" is many, "one of
    # its strengths", "turn 18", an added number replaces no word of the source) 114/130 with none passed.
    NationalSet("47", DATA / "claims-national-47", DATA / "claims_national_blind47.jsonl", 0.87, 0, KINDS),
    # Set 48 (130 claims over 27 more, one per council none of sets 45-47 had, twenty-sixth session, written before
    # round 48 by a helper who saw only their texts): blind first run, on the session's base (000b75f), 102/130 with
    # 2 of 56 altered claims passed; second run, after round 48, the same (102/130, 2). Read in the twenty-seventh
    # session: round 49 (a quantified phrase after the words quoted, a fronted group's narrowing words, WordNet's
    # derived forms, "unaware" for "not aware", "not ... until" for "only", "the district", "Enfield-led") 111/130
    # with none passed.
    NationalSet("48", DATA / "claims-national-48", DATA / "claims_national_blind48.jsonl", 0.85, 0, KINDS),
    # Set 49 (130 claims over 27 more, one per council none of sets 46-48 had, twenty-seventh session, written before
    # round 49 by a helper who saw only their texts): blind first run, on the session's base (9b70b23), 98/130 with
    # 4 of 56 altered claims passed; second run, after round 49, 99/130 with 4. Read in the twenty-eighth session:
    # round 50 (a month dated to another year, "a week" for "three weeks", "NEET" after its expansion, "miss out
    # on", a noun for the source's pronoun, a who-clause that has reached its main verb) 107/130 with 2 passed.
    NationalSet("49", DATA / "claims-national-49", DATA / "claims_national_blind49.jsonl", 0.82, 2, KINDS),
    # Set 50 (130 claims over 27 more, one per council none of sets 47-49 had, twenty-eighth session, written before
    # round 50 by a helper who saw only their texts): blind first run, on the session's base (00e439e), 116/130 with
    # 2 of 56 altered claims passed; second run, after round 50, the same (every verdict). Not read: the forecast,
    # run by `make test`.
    NationalSet("50", DATA / "claims-national-50", DATA / "claims_national_blind50.jsonl", 0.89, 2, KINDS, spent=False),
)


def _param(national_set: NationalSet):
    marks = [pytest.mark.spent_claims] if national_set.spent else []
    return pytest.param(national_set, id=f"set{national_set.name}", marks=marks)


@pytest.fixture(scope="module", params=[_param(s) for s in SETS])
def checked(request, tmp_path_factory, embedder):
    """(the set, the real Assistant over an index of its reports, (claim entry, check) for every claim), built
    once per set."""
    national_set: NationalSet = request.param
    national = _assistant(tmp_path_factory, embedder, national_set.reports)
    results = [(entry, national.check(entry["claim"])) for entry in _entries(national_set.claims)]
    return national_set, national, results


def test_the_set_is_large_and_covers_every_kind(checked):
    national_set, _, _ = checked
    entries = _entries(national_set.claims)
    assert len(entries) >= 70 and len({e["doc_id"] for e in entries if e.get("doc_id")}) >= 16
    named = {SAME_KIND.get(e.get("alteration"), e.get("alteration")) for e in entries if e["verdict"] == "altered"}
    assert named >= national_set.kinds


def test_measured_floors_hold(checked):
    national_set, _, results = checked
    confusion = Counter((entry["verdict"], check.verdict.value) for entry, check in results)
    assert _accuracy(results) >= national_set.floor, f"confusion {dict(confusion)}"
    assert len(_passed_altered(results)) <= national_set.leaks, _passed_altered(results)


def test_issue_targets(checked, request):
    national_set, _, results = checked
    if not national_set.targets_met:
        request.applymarker(
            pytest.mark.xfail(strict=True, reason="issue 14 targets not met on this set (docs/claims.md)")
        )
    assert _accuracy(results) >= 0.9 and not _passed_altered(results)


def test_evidence_is_an_exact_span(checked):
    _, national, results = checked
    for _, check in results:
        for evidence in check.evidence:
            assert national.documents[evidence.doc_id].text[evidence.start : evidence.end] == evidence.quote


def _check_over(tmp_path_factory, embedder, folder: str, names: tuple[str, ...], claim: str):
    """The check of a claim by a real Assistant over copies of a few reports of one claim set's folder."""
    return _assistant_over_copies(tmp_path_factory, embedder, folder, names).check(claim)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("folder", "files", "claim", "council"),
    [
        # Derby's own letter says nothing close; Rochdale's says it in other words ("The creation of 10 new social
        # work posts ..."): the claim gives Derby a finding of Rochdale's, and the officer is shown where it is from.
        (
            "claims-national-13",
            ("derby--focused-visit-29-november-2023.pdf", "rochdale--focused-visit-26-july-2021.pdf"),
            "Derby has created 10 new social work posts in its first response teams to keep caseloads manageable, "
            "the Ofsted letter says.",
            "Rochdale",
        ),
        # Round 38 (from set 38): Brighton and Hove's report says something loosely like it ("celebrated by their
        # corporate parents"); Coventry's says it nearly word for word. The claim gives Brighton and Hove a finding
        # of Coventry's.
        (
            "claims-national-38",
            ("brighton-and-hove--inspection-16-may-2024.pdf", "coventry--inspection-18-may-2026.pdf"),
            "As committed corporate parents, Brighton and Hove's leaders have ensured there is sufficient provision "
            "for children in care.",
            "Coventry",
        ),
    ],
    ids=["close-rewording-elsewhere", "loose-own-paraphrase"],
)
def test_another_councils_finding_is_altered_and_shown_where_it_is_from(
    tmp_path_factory, embedder, folder, files, claim, council
):
    check = _check_over(tmp_path_factory, embedder, folder, files, claim)
    assert check.verdict is Verdict.ALTERED, check.explanation
    assert council in check.explanation and check.evidence[0].doc_id.startswith(council.lower())


@pytest.mark.slow
def test_the_councils_own_sentence_changed_comes_before_another_councils_words(tmp_path_factory, embedder):
    """Norfolk's letter says manageable caseloads "in the In Care teams"; Camden's report says it of its services.
    The claim about all of Norfolk's services is altered by Norfolk's own sentence, which is shown first; Camden's
    words are noted."""
    check = _check_over(
        tmp_path_factory,
        embedder,
        "claims-national-17",
        ("norfolk--focused-visit-09-november-2021.pdf", "camden--inspection-24-november-2017.pdf"),
        "Manageable caseloads across Norfolk’s children’s services help social workers to build relationships with "
        "children, family members and professionals.",
    )
    assert check.verdict is Verdict.ALTERED, check.explanation
    assert check.evidence[0].doc_id.startswith("norfolk") and "In Care teams" in check.explanation


@pytest.mark.slow
def test_a_short_sentence_restated_with_a_named_change_is_altered_not_unfound(tmp_path_factory, embedder):
    """The claim adds the council and "Ofsted found that" to a four-word sentence and swaps one word for its
    opposite: few of the claim's words are the sentence's, but nearly all of the sentence's words are the claim's."""
    check = _check_over(
        tmp_path_factory,
        embedder,
        "claims-national-4",
        ("north-somerset--focused-visit-21-march-2025.pdf",),
        "Ofsted found that responses to neglect in North Somerset are consistent.",
    )
    assert check.verdict is Verdict.ALTERED, check.explanation
    assert "Responses to neglect are variable" in check.evidence[0].quote


@pytest.mark.slow
def test_with_nothing_in_the_closest_passage_a_sentence_holding_the_claim_s_words_is_read(tmp_path_factory, embedder):
    """Claim set 46 (read in the twenty-fifth session): Harrow's sentences about adoption and placement orders come
    closer in meaning than "placement and adoption breakdowns are rare", which holds as many of the claim's words:
    that one is the sentence the claim restates, with "rare" turned to "common"."""
    check = _check_over(
        tmp_path_factory,
        embedder,
        "claims-national-46",
        ("harrow--inspection-31-march-2017.pdf",),
        "Ofsted found that placement and adoption breakdowns are common in Harrow.",
    )
    assert check.verdict is Verdict.ALTERED, check.explanation
    assert "rare" in check.evidence[0].quote and "“common”" in check.explanation


@pytest.mark.slow
def test_a_claim_about_one_council_is_read_against_that_councils_own_sentences(tmp_path_factory, embedder):
    """Walsall's report says "Care leavers at university receive good support." late in a long report; the other
    councils' care-leaver passages filled retrieval's shortlist, and the claim was supported by a loose Walsall
    sentence. Retrieval within Walsall's documents finds its own sentence, and the claim drops "at university"."""
    check = _check_over(
        tmp_path_factory,
        embedder,
        "claims-national-34",
        (
            "walsall--inspection-04-september-2017.pdf",
            "gloucestershire--inspection-13-june-2017.pdf",
            "leicester--inspection-12-november-2021.pdf",
            "leeds--inspection-27-march-2015.pdf",
            "stockport--inspection-15-july-2025.pdf",
            "croydon--inspection-04-september-2017.pdf",
        ),
        "Ofsted said care leavers in Walsall receive good support.",
    )
    assert check.verdict is Verdict.ALTERED, check.explanation
    assert check.evidence[0].quote == "Care leavers at university receive good support."


@pytest.mark.slow
def test_an_older_reports_numbered_recommendation_is_not_a_finding(tmp_path_factory, embedder):
    """North Somerset's 2017 report lists "5. Review arrangements to manage allegations against professionals ..."
    under "Recommendations": a claim that allegations are well managed there reverses what the list says."""
    check = _check_over(
        tmp_path_factory,
        embedder,
        "claims-national-35",
        ("north-somerset--inspection-25-august-2017.pdf",),
        "Allegations against professionals who work with children in North Somerset are well managed, timely and "
        "robust, Ofsted said.",
    )
    assert check.verdict is Verdict.ALTERED and "Recommendations" in check.explanation, check.explanation


_SET_43 = "claims-national-43"
_FOUR_OF_SET_43 = (
    "medway--focused-visit-12-january-2026.pdf",
    "richmond-upon-thames--inspection-08-december-2017.pdf",
    "sutton--inspection-01-february-2022.pdf",
    "wakefield--inspection-17-july-2018.pdf",
)


def _assistant_over_copies(tmp_path_factory, embedder, folder: str, names: tuple[str, ...]):
    """A real Assistant over copies of a few reports of one claim set's folder."""
    import shutil

    reports = tmp_path_factory.mktemp(folder)
    for name in names:
        shutil.copy(DATA / folder / name, reports / name)
    return _assistant(tmp_path_factory, embedder, reports)


@pytest.fixture(scope="module")
def four_of_set_43(tmp_path_factory, embedder):
    """A real Assistant over four reports of set 43 (read after its runs), for round 43's rules."""
    return _assistant_over_copies(tmp_path_factory, embedder, _SET_43, _FOUR_OF_SET_43)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("claim", "source"),
    [
        # "In most cases, children are seen quickly, and seen alone." The words stand in the report, without the
        # fronted phrase that limits them.
        (
            "Ofsted found that in Richmond upon Thames, children are seen quickly, and seen alone.",
            "In most cases, children are seen",
        ),
        # "a small minority of children living at a distance ... who do not get all their needs well met"
        (
            "Medway children living at a distance from the local authority do not get all their needs well met.",
            "a small minority of children",
        ),
    ],
    ids=["fronted-in-most-cases", "a-small-minority"],
)
def test_a_dropped_quantifier_phrase_is_altered(four_of_set_43, claim, source):
    check = four_of_set_43.check(claim)
    assert check.verdict is Verdict.ALTERED, check.explanation
    assert source in check.evidence[0].quote


@pytest.mark.slow
@pytest.mark.parametrize(
    ("claim", "source"),
    [
        # "does not happen early enough" is "comes too late": one meaning, neither a negation nor an opposite changed
        (
            "Transition planning for care leavers in Sutton happens too late, as PAs are only introduced when "
            "children turn 18.",
            "does not happen early enough",
        ),
        # the month stands in the sentence, after the words the claim moved it before
        (
            "Wakefield's records showed that, as of April 2018, only a quarter of children in care had an "
            "up-to-date care plan.",
            "only a quarter of children in care",
        ),
    ],
    ids=["too-late-is-not-early-enough", "month-moved-to-the-front"],
)
def test_the_same_meaning_reworded_is_not_altered(four_of_set_43, claim, source):
    check = four_of_set_43.check(claim)
    assert check.verdict in (Verdict.SUPPORTED, Verdict.REWORDED), check.explanation
    assert source in check.evidence[0].quote


@pytest.mark.slow
@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        # "Use of agency staff has markedly reduced.": fallen is reduced, however it is said ...
        ("Ofsted found that Sandwell Children's Trust's use of agency staff has fallen markedly.", Verdict.SUPPORTED),
        # ... and risen stays its opposite
        ("Ofsted found that Sandwell Children's Trust's use of agency staff has risen markedly.", Verdict.ALTERED),
    ],
    ids=["fallen-is-reduced", "risen-is-not"],
)
def test_a_figure_going_down_is_one_meaning_however_it_is_said(tmp_path_factory, embedder, claim, verdict):
    check = _check_over(
        tmp_path_factory, embedder, "claims-national-7", ("sandwell--focused-visit-29-november-2024.pdf",), claim
    )
    assert check.verdict is verdict, check.explanation
    assert check.evidence[0].quote.startswith("Use of agency staff has markedly")


# Round 45 (twenty-fourth session), from set 44 (read after its three runs): the rules, on claims in other words.
_SET_44 = "claims-national-44"
_FOUR_OF_SET_44 = (
    "blackburn-with-darwen--inspection-08-december-2017.pdf",
    "camden--inspection-15-april-2025.pdf",
    "leeds--focused-visit-22-february-2018.pdf",
    "salford--inspection-22-june-2015.pdf",
)


@pytest.fixture(scope="module")
def four_of_set_44(tmp_path_factory, embedder):
    """A real Assistant over four reports of set 44 (read after its runs), for round 45's rules."""
    return _assistant_over_copies(tmp_path_factory, embedder, _SET_44, _FOUR_OF_SET_44)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("claim", "source"),
    [
        # "..., already good at the last inspection, are now outstanding": the judgement line confirms "outstanding"
        # now, the report's own sentence shows the earlier grade changed.
        (
            "In Camden, help and protection services were already outstanding at the last inspection and remain "
            "outstanding, according to Ofsted.",
            "already good at the last inspection",
        ),
        # "... is good for children in primary schools": the judgement of children in care is good, but the
        # sentence says the achievement is good only for some of them.
        (
            "Inspectors said the education achievement of Blackburn with Darwen's children looked after is good.",
            "for children in primary schools",
        ),
        # "... robustly collated and analysed for looked after children but is not routinely collected on those
        # living at home": the group phrase ends where the qualifying clause opens.
        (
            "Inspectors found that in Salford, information on children accessing alternative education is robustly "
            "collated and analysed.",
            "for looked after children",
        ),
    ],
    ids=["an-earlier-grade-raised", "a-group-dropped-from-a-graded-sentence", "a-group-before-a-but-clause"],
)
def test_a_change_the_reports_own_sentence_shows_stands_beside_a_judgement(four_of_set_44, claim, source):
    check = four_of_set_44.check(claim)
    assert check.verdict is Verdict.ALTERED, check.explanation
    assert any(source in e.quote for e in check.evidence), [e.quote for e in check.evidence]


@pytest.mark.slow
def test_a_grade_claim_the_judgement_line_gives_is_still_supported(four_of_set_44):
    check = four_of_set_44.check("Camden's services for children who need help and protection are outstanding.")
    assert check.verdict is Verdict.SUPPORTED, check.explanation


@pytest.mark.slow
def test_a_shortfall_the_report_lists_said_as_a_shortfall_is_not_altered(four_of_set_44):
    claim = "Ofsted said Leeds personal education plans are sometimes delayed and not always ambitious enough."
    check = four_of_set_44.check(claim)
    assert check.verdict is not Verdict.ALTERED, check.explanation
    # ... while the same item said as done is not so yet
    done = four_of_set_44.check("Ofsted said Leeds personal education plans are ambitious, specific and measurable.")
    assert done.verdict is Verdict.ALTERED, done.explanation
