"""Finds clinical findings in a message, each with its polarity: present, absent or unknown. No Rasa here.

Every token is reduced to a key: its lower-case form, corrected to a lexicon word when it is a misspelling of
one (an unknown word within one or two edits), then lemmatised. spaCy's PhraseMatcher finds the lexicon's
concepts and cues over those keys, so "calfs", "calves" and "calf" meet, and so do "swolen" and "swollen".
The text is cut into clauses at punctuation and at "but"-like words; a rule fires when all its concepts occur in
one clause. A negation cue covers the words after it (up to a window, a clause end or a scope-ending word such
as "but" or "and my"); a cue like "normal" covers the words before it; a hedge ("not sure if") makes a finding
unknown, and so does a doubt of wording ("I think"), except that a warning sign told so stands as told. A
historical cue ("years ago", "history of") reaches both ways within its clause, never past a word of now ("...and
last night my calf went cold"), and cancels what it covers: a sign long past is no sign now, unless the rule is
about the past anyway ("had a DVT"); a denial stays one ("stopped them last year"). A long-standing
cue ("for years", "all my life") reaches the same way and cancels only the warning signs, which warn when new: a
leg swollen for years is no clot, cramps for years are still cramps. Pseudo-cues
("no thought", "no doubt") are phrases whose negation word negates nothing. These are the assertion categories of
ConText (negated, possible, historical). A rule's own words are never their own cue ("not very active" is a level
of activity, not a denial). Within one message a present mention wins over an unsure one, and an unsure one over
a denial.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.core.assessment import Status
from bot.language.lexicon import ASSERTION_CUE_KINDS, Lexicon, LexiconRule, NumberRule
from bot.language.spacy_pipeline import KNOWN_WORDS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})
"""Curly quotes as phones and word processors type them, read as the straight ones the lexicon lists."""
SENTENCE_BREAKS = frozenset({".", "!", "?", ";", "\n"})
CLAUSE_BREAKS = SENTENCE_BREAKS | {",", ":", "(", ")", "but", "however", "although", "though", "whereas", "except"}
"""Punctuation and contrast words that end a clause: concepts of one rule must share a clause (or a sentence)."""
NEARBY_SENTENCES = 3
"""How far a `nearby` rule reaches: a sentence and the two after it, as a story names the calf once and tells
what it did two sentences on ("...the calf of my left leg. I thought I had strained it. It got worse each day")."""
WEAK_HEDGES = frozenset({"cue:hedge_weak", "cue:hedge_weak_after"})
"""Hedges that doubt the wording, not the thing seen ("I think my calf is swollen"): a finding is unknown, but a
warning sign stands as told, as a triage nurse would take it."""
STORY_MIN_SENTENCES = 3
"""The fewest sentences a message needs for its first to set the time of the rest (a story, not a chat line)."""
STATUS_ORDER = (Status.PRESENT, Status.UNKNOWN, Status.ABSENT)
NOT_AN_AGE = r"(?!\s*(?:min|sec|hour|hr|time|week|day|month|year|%|kg|lb|mile|km|metre|meter|cup|litre|liter|glass))"
AGE_PATTERNS = (
    re.compile(r"\b(?:i'?m|i am|aged?|age of|he'?s|she'?s|he is|she is|is)\s+(\d{2,3})\b" + NOT_AN_AGE),
    re.compile(r"\b(\d{2,3})\s*(?:years? old|yrs? old|y/?o|yo|year-old|(?:m|f|male|female)\b)"),
    re.compile(r"[a-z]\s*\((\d{2,3})\)" + NOT_AN_AGE),  # "my grandmother (89)"
)
AGE_RANGE = range(16, 111)
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "sixty": 60, "a couple of": 2, "a few": 3, "half an": 0.5,
}  # fmt: skip
_AMOUNT = "|".join([r"\d{1,4}", *sorted(NUMBER_WORDS, key=len, reverse=True)])
_UNIT = r"sec|secs|second|seconds|min|mins|minute|minutes|hr|hrs|hour|hours"
DURATION_PATTERN = re.compile(
    r"\b(?:last\w*|for|over|about|around|nearly|almost|maybe|up to|took|went after|gone after|a good)\s+"
    r"(?:about |over |around |nearly |almost |maybe |like |up to |a good )?"
    rf"(?:(?:{_AMOUNT})\s*(?:to|-|or)\s*)?(?P<amount>{_AMOUNT})\s*(?P<unit>{_UNIT})\b"
    rf"|\b(?P<amount_max>{_AMOUNT})\s*(?P<unit_max>{_UNIT})\s+(?:max|tops|at most)\b"
)
"""How long a cramp lasted: "for 20 minutes", "almost ten minutes", "10 to 15 minutes" (the longer end counts),
"half an hour", "2 mins max"."""
NOT_AFTER_GAP = 2
"""Words between an activity and its duration ("walked slowly for an hour")."""
SECONDS_PER_UNIT = {"s": 1, "m": 60, "h": 3600}
DISTANCE_PATTERN = re.compile(
    r"\b(?:(?P<marker>mile|km|kilomet(?:er|re))\s+(?P<at>\d+(?:\.\d+)?)\b"
    r"|(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>miles?|kms?|k|kilomet(?:er|re)s?)\b)"
)
"""A distance: a race's marker ("at mile 18", "km 30") or an amount ("13.5 miles", "a 24km run", "a 10k")."""
KM_PER_MILE = 1.609
TEMPERATURE_PATTERN = re.compile(r"\b(\d{2,3}(?:\.\d)?)\s*(°|º|degrees?\b|deg\b)?\s*([cf]\b)?")
CELSIUS_RANGE = (34.0, 43.0)
FAHRENHEIT_RANGE = (93.0, 110.0)
DECADES = {"sixties": 60, "seventies": 70, "eighties": 80, "nineties": 90}
DECADE_PATTERN = re.compile(rf"\bin (?:my|his|her|their) (?:(\d)0'?s|({'|'.join(DECADES)}))\b")
"""An age told by decade: "in my 60s", "in her seventies"."""
NUMBER_WITH_UNIT = re.compile(r"\d+(?:\.\d+)?(hrs?|hours?|mins?|minutes?|days?|wks?|weeks?|yrs?|years?)")
UNIT_NAMES = {
    "hr": "hour",
    "hrs": "hours",
    "min": "minute",
    "mins": "minutes",
    "wk": "week",
    "wks": "weeks",
    "yr": "year",
    "yrs": "years",
}
SHORTEST_MISSPELLING = 3
SHORTEST_WORD_CORRECTED = 4
"""Unknown words of four letters or more are corrected by up to one or two edits; of three, only by the one inner
letter they left out of a four-letter lexicon word ("clf" is "calf", "hii" no "hiit"): short words are often
abbreviations or greetings."""
CORRECTIONS_KEPT = 20_000
"""Spelling corrections remembered, most recent first: a bound, so a long-running server's memory stays flat
however many new words people type."""


@dataclass(frozen=True)
class FoundFinding:
    """A finding stated in the text, where (character offsets) and how (present, absent or unknown)."""

    finding: str
    status: Status
    start: int
    end: int


@dataclass(frozen=True)
class _Match:
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class _Scopes:
    """For each token, the cue matches (by index) that reach it, by what they do to it."""

    negated: dict[int, set[int]]
    hedged: dict[int, set[int]]
    historical: dict[int, set[int]]
    long_standing: dict[int, set[int]]

    def for_kind(self, kind: str) -> dict[int, set[int]]:
        if kind.startswith("hedge"):
            return self.hedged
        if kind == "long_standing":
            return self.long_standing
        return self.historical if kind == "historical" else self.negated


def edit_distance(first: str, second: str, limit: int) -> int:
    """Optimal-string-alignment distance (swaps count as one edit), stopping early past `limit`."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, 1):
            cost = 0 if a == b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


class FindingMatcher:
    """Built once from the lexicon and the spaCy pipeline; `find` is then cheap per message."""

    def __init__(self, nlp: Language, lexicon: Lexicon) -> None:
        from spacy.matcher import PhraseMatcher

        self.nlp = nlp
        self.lexicon = lexicon
        self._lemmas = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")  # type: ignore[attr-defined]
        self._lemma_values = set(self._lemmas.values())
        if not nlp.vocab.lookups.has_table(KNOWN_WORDS):
            raise ValueError(f"the spaCy pipeline has no '{KNOWN_WORDS}' table: it predates this code; run make setup")
        self._known = nlp.vocab.lookups.get_table(KNOWN_WORDS)
        self._correct = lru_cache(maxsize=CORRECTIONS_KEPT)(self._nearest_word)
        self._nearby_blockers = frozenset(concept for rule in lexicon.rules for concept in rule.unless_nearby)
        phrases = dict(lexicon.concepts)
        phrases |= {f"cue:{kind}": words for kind, words in lexicon.cues.items()}
        listed = {word for words in phrases.values() for phrase in words for word in self._split(phrase.lstrip("="))}
        self._meant_as_written = lexicon.meant_as_written | listed  # the lexicon's own words: "hrt" is no "hurt"
        vocabulary = {word for word in listed if word.isalpha() and len(word) >= SHORTEST_WORD_CORRECTED}
        self._by_initial: dict[str, list[str]] = {}
        for word in sorted(vocabulary):
            self._by_initial.setdefault(word[0], []).append(word)
        # phrases are matched on lemmas, except those written "=like this", matched on the exact words
        self._matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._exact_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for label, words in phrases.items():
            lemma_patterns = [self._key_doc([self._key(w) for w in self._split(p)]) for p in words if p[0] != "="]
            exact_patterns = [self._key_doc(self._split(p[1:])) for p in words if p[0] == "="]
            if lemma_patterns:
                self._matcher.add(label, lemma_patterns)
            if exact_patterns:
                self._exact_matcher.add(label, exact_patterns)
        self._intensifier = nlp.vocab.strings["cue:intensifier"]

    def _split(self, text: str) -> list[str]:
        return [token.lower_ for token in self.nlp.tokenizer(text)]

    def _key(self, word: str) -> str:
        return str(self._lemmas.get(word, word))

    def _nearest_word(self, word: str) -> str:
        """A lexicon word for an unknown word one or two edits away (two for long words); else the word. A word
        spaCy knows, a common English word, or one the lexicon lists as meant as written, is meant as written
        ("forever" is no "fever", "cellulite" no "cellulitis")."""
        known = (
            word in self._lemmas or word in self._lemma_values or word in self._known or word in self._meant_as_written
        )
        if known or not word.isalpha() or len(word) < SHORTEST_MISSPELLING:
            return word
        limit = 1 if len(word) < 7 else 2
        best, best_rank = word, (limit + 1, False)  # nothing past the limit, subsequence or not
        # misspellings keep the first letter, or swap the first two: look only there ("unsightly" is no "nightly")
        swapped = [c for c in self._by_initial.get(word[1], []) if len(c) > 1 and c[1] == word[0]]
        candidates = self._by_initial.get(word[0], []) + swapped
        if len(word) < SHORTEST_WORD_CORRECTED:  # three letters: only an inner letter left out ("clf", "dnt")
            candidates = [
                c for c in candidates if len(c) == len(word) + 1 and c[-1] == word[-1] and _is_subsequence(word, c)
            ]
        for candidate in candidates:
            # at equal distance, a word the typed one is missing letters of: "fevr" is "fever", not "fear"
            rank = (edit_distance(word, candidate, limit), not _is_subsequence(word, candidate))
            if rank < best_rank:
                best, best_rank = candidate, rank
        return best

    def _key_doc(self, keys: list[str]) -> Doc:
        """A doc of matching keys: phrases and messages are matched on these, token for token."""
        from spacy.tokens import Doc

        return Doc(self.nlp.vocab, words=keys)

    def keys(self, doc: Doc) -> list[str]:
        """The matching key of every token of `doc`: its spelling-corrected lemma."""
        return [self._key(word) for word in self._words(doc)]

    def _words(self, doc: Doc) -> list[str]:
        return [self._correct(_unit_of(token.lower_.translate(TYPOGRAPHIC))) for token in doc]

    def find(self, doc: Doc) -> list[FoundFinding]:
        """The findings `doc` states, one per finding id, at its first mention."""
        words = self._words(doc)
        if not words:
            return []
        keys = [self._key(word) for word in words]
        found_spans = {*self._matcher(self._key_doc(keys)), *self._exact_matcher(self._key_doc(words))}
        joined = _commas_between_intensifiers(keys, found_spans, self._intensifier)
        found_spans |= self._spans_past_intensifiers(keys, words, found_spans, joined)
        matches = [
            _Match(self.nlp.vocab.strings[label], start, end)
            for label, start, end in sorted(found_spans, key=lambda m: m[1:])
        ]
        clauses = _segment_ids(["" if index in joined else key for index, key in enumerate(keys)], CLAUSE_BREAKS)
        sentences = _segment_ids(_wrapped_lines_joined(keys), SENTENCE_BREAKS)
        scopes = self._scopes(matches, clauses, keys)
        story_past = _story_past(matches, sentences)
        found: dict[str, tuple[Status, int, int]] = {}
        for finding, status, start, end in self._rule_hits(matches, clauses, sentences, scopes, story_past):
            self._keep(found, finding, status, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        text = doc.text.lower()
        for number in self.lexicon.numbers:
            for status, start, end in self._number_hits(number, text, doc, matches, sentences):
                self._keep(found, number.finding, status, start, end)
        return [FoundFinding(finding, status, start, end) for finding, (status, start, end) in found.items()]

    def _spans_past_intensifiers(
        self, keys: list[str], words: list[str], spans: set[tuple[int, int, int]], joined: set[int]
    ) -> set[tuple[int, int, int]]:
        """Concept phrases found once the words that only say how much are left out ("it was quite pale",
        "it was a bit swollen", "I was really gasping"), as spans of the full text; cues are read on the full
        text only; the commas `joined` between repeated intensifiers are left out with them."""
        dropped = {index for label, start, end in spans if label == self._intensifier for index in range(start, end)}
        dropped |= joined
        kept = [index for index in range(len(keys)) if index not in dropped]
        if len(kept) == len(keys):
            return set()
        found = [
            *self._matcher(self._key_doc([keys[index] for index in kept])),
            *self._exact_matcher(self._key_doc([words[index] for index in kept])),
        ]
        return {
            (label, kept[start], kept[end - 1] + 1)
            for label, start, end in found
            if not self.nlp.vocab.strings[label].startswith("cue:")
        }

    def asked(self, doc: Doc) -> list[tuple[int, int]]:
        """Character spans of the clauses that ask rather than tell: a sentence ending in "?", a clause opening
        with a question word ("wait, what is a varicose vein") or ending with a question ("dvt, what is it"). A
        finding named there is asked about, not stated.
        """
        keys = self.keys(doc)
        clauses = _segment_ids(keys, CLAUSE_BREAKS)
        sentences = _segment_ids(_wrapped_lines_joined(keys), SENTENCE_BREAKS)
        cues = [(self.nlp.vocab.strings[label], start) for label, start, _ in self._matcher(self._key_doc(keys))]
        telling = {start for label, start in cues if label == "cue:pseudo"}  # "when i run, ..." asks nothing
        openers = [
            start
            for label, start in cues
            if label == "cue:question"
            and start not in telling
            and (start == 0 or _is_break(keys[start - 1], CLAUSE_BREAKS))
        ]
        asked_sentences = {sentences[index] - 1 for index, key in enumerate(keys) if key == "?"}
        asked_clauses = {clauses[start] for start in openers}
        asked_clauses |= {clauses[start] for label, start in cues if label == "cue:question_after"}
        return [
            (token.idx, token.idx + len(token))
            for token in doc
            if sentences[token.i] in asked_sentences or clauses[token.i] in asked_clauses
        ]

    @staticmethod
    def _keep(found: dict[str, tuple[Status, int, int]], finding: str, status: Status, start: int, end: int) -> None:
        current = found.get(finding)
        if current is None or STATUS_ORDER.index(status) < STATUS_ORDER.index(current[0]):
            found[finding] = (status, start, end)

    def _scopes(self, matches: list[_Match], clauses: list[int], keys: list[str]) -> _Scopes:
        """For each token, the cue matches (by index) that negate it, hedge it and place it in the past."""
        window = self.lexicon.window
        enders = [m for m in matches if m.label == "cue:scope_end"]
        times_now = enders + [m for m in matches if m.label == "cue:present"]  # "years ago ... and last night"
        listed = _list_items_joined(keys, clauses)
        scopes = _Scopes({}, {}, {}, {})
        masks = ("cue:hedge", "cue:hedge_weak", "cue:pseudo")
        phrases = [m for m in matches if not m.label.startswith("cue:") or m.label in masks]
        undoers = {m.start for m in matches if m.label == "cue:double_negation"}
        undone: set[int] = set()  # starts of undoing words a negation before them reached
        for index, cue in enumerate(matches):
            kind = cue.label.removeprefix("cue:")
            if kind not in ASSERTION_CUE_KINDS:
                continue
            if any(p.start < cue.end <= p.end and (p.end > cue.end or p.start < cue.start) for p in phrases):
                continue  # ends inside a longer phrase: "not" in "not sure", "can't" in "can't move my toes"
            if kind == "negation_before" and cue.start in undone:
                continue
            if kind in ("negation_before", "hedge", "hedge_weak"):
                span: Iterable[int] = self._forward(cue, clauses, listed, enders, window, len(keys))
                if kind == "negation_before":
                    span = _unless_undone(list(span), undoers, undone)
            elif kind in ("hedge_after", "hedge_weak_after") and cue.start > 0 and keys[cue.start - 1] == "?":
                # "my heart skips? not sure": the doubt is about the question just asked
                span = self._backward(_Match(cue.label, cue.start - 1, cue.end), clauses, enders, window)
            elif kind in ("historical", "long_standing"):
                span = [
                    *self._backward(cue, clauses, times_now, window),
                    *self._forward(cue, clauses, clauses, times_now, window, len(keys)),
                ]
            else:
                span = self._backward(cue, clauses, enders, window)
            target = scopes.for_kind(kind)
            for token in span:
                target.setdefault(token, set()).add(index)
        return scopes

    @staticmethod
    def _forward(
        cue: _Match, clauses: list[int], listed: list[int], enders: list[_Match], window: int, length: int
    ) -> Iterator[int]:
        """The words a cue before them reaches: to the end of its clause and the list items joined to it, at most
        `window` words of its own clause (list items do not count), never past a scope-ending word."""
        own_words = 0
        for token in range(cue.end, length):
            if listed[token] != listed[cue.start] or any(e.start == token for e in enders):
                return
            own_words += clauses[token] == clauses[cue.start]
            if own_words > window:
                return
            yield token

    @staticmethod
    def _backward(cue: _Match, clauses: list[int], enders: list[_Match], window: int) -> Iterator[int]:
        for token in range(cue.start - 1, max(cue.start - window, 0) - 1, -1):
            if clauses[token] != clauses[cue.start - 1] or any(e.end == token + 1 for e in enders):
                return
            yield token

    def _rule_hits(
        self,
        matches: list[_Match],
        clauses: list[int],
        sentences: list[int],
        scopes: _Scopes,
        story_past: set[int],
    ) -> Iterator[tuple[str, Status, int, int]]:
        groups: dict[tuple[str, int], dict[str, list[tuple[int, _Match]]]] = {}
        around: dict[int, set[str]] = {}  # sentence -> the `unless_nearby` concepts in it and the sentences either side
        for match in (m for m in matches if m.label in self._nearby_blockers):
            for near in range(sentences[match.start] - 1, sentences[match.start] + 2):
                around.setdefault(near, set()).add(match.label)
        concepts_found = [(index, m) for index, m in enumerate(matches) if not m.label.startswith("cue:")]
        in_longer = {  # a word of a longer phrase of another concept: "water" in "water tablets"
            index
            for index, match in concepts_found
            if any(
                _inside(match, other) and other.end - other.start > match.end - match.start
                for _, other in concepts_found
                if other.label != match.label
            )
        }
        for index, match in enumerate(matches):
            sentence = sentences[match.start]
            places = (
                ("clause", clauses[match.start]),
                ("sentence", sentence),
                *(("nearby", sentence - back) for back in range(NEARBY_SENTENCES)),
            )
            for place in places:
                groups.setdefault(place, {}).setdefault(match.label, []).append((index, match))
        for (scope, _), concepts in groups.items():
            for rule in self.lexicon.rules:
                if rule.scope != scope:
                    continue
                if not all(c in concepts for c in rule.all_of) or any(c in concepts for c in rule.unless):
                    continue
                others = [concepts[c][0] for c in rule.all_of[1:]]
                first, *later = concepts[rule.all_of[0]]
                for key in [first, *(k for k in later if k[0] not in in_longer)]:  # each with its own polarity
                    yield from self._rule_hit(rule, [key, *others], matches, sentences, scopes, story_past, around)

    def _rule_hit(
        self,
        rule: LexiconRule,
        used: list[tuple[int, _Match]],
        matches: list[_Match],
        sentences: list[int],
        scopes: _Scopes,
        story_past: set[int],
        around: dict[int, set[str]],
    ) -> Iterator[tuple[str, Status, int, int]]:
        """What one rule states at one mention of its first concept (the one that carries its polarity), given
        the cues that reach it: "no swelling before, now my calf is swollen" is swelling."""
        key = used[0][1]
        if around.get(sentences[key.start], set()).intersection(rule.unless_nearby):
            return
        own = {index for index, _ in used} | {i for i, m in enumerate(matches) if any(_inside(m, u) for _, u in used)}
        tokens = set(range(key.start, key.end))
        status = _status(rule.said, tokens, scopes, own, matches)
        long_past = sentences[key.start] in story_past or any(
            scopes.historical.get(token, set()) - own for token in tokens
        )
        if status is None or (long_past and status is not Status.ABSENT and not rule.past):
            return  # a sign long past is no sign now; "stopped it last year" still denies it now
        weak = {i for token in tokens for i in scopes.hedged.get(token, set()) - own if matches[i].label in WEAK_HEDGES}
        strong = any(scopes.hedged.get(token, set()) - own - weak for token in tokens)
        # "I think my foot went cold": a doubt of wording only, so a warning sign stands as told
        told = _status(rule.said, tokens, scopes, own | weak, matches) if weak and not strong else status
        start = min(m.start for _, m in used)
        end = max(m.end for _, m in used)
        long_standing = told is Status.PRESENT and any(scopes.long_standing.get(token, set()) - own for token in tokens)
        for finding in rule.findings:
            sign = finding in self.lexicon.warning_signs
            said = told if sign else status
            if said is not None and not (long_standing and sign):
                yield finding, said, start, end

    def _number_hits(
        self, number: NumberRule, text: str, doc: Doc, matches: list[_Match], sentences: list[int]
    ) -> Iterator[tuple[Status, int, int]]:
        """Ages and temperatures (present at or above the threshold, absent below), cramp lengths in minutes,
        distances run (present at or above the threshold)."""
        if number.kind == "age":
            for pattern in AGE_PATTERNS:
                for found in pattern.finditer(text):
                    age = int(found.group(1))
                    if age in AGE_RANGE:
                        yield _at_least(age, number.threshold), found.start(), found.end()
            for found in DECADE_PATTERN.finditer(text):
                decade = int(found.group(1)) * 10 if found.group(1) else DECADES[found.group(2)]
                yield _at_least(decade, number.threshold), found.start(), found.end()
            return
        needed = {sentences[m.start] for m in matches if m.label == number.needs}
        if number.kind == "temperature":
            for found in TEMPERATURE_PATTERN.finditer(text):
                celsius = _celsius(float(found.group(1)), found.group(3))
                token = _token_at(doc, found.start())
                said_degrees = found.group(2) is not None or found.group(3) is not None
                if celsius is not None and token is not None and (said_degrees or sentences[token] in needed):
                    yield _at_least(celsius, number.threshold), found.start(), found.end()
            return
        told_before = needed | {sentence + 1 for sentence in needed}  # "A cramp woke me. It lasted an hour."
        if number.kind == "distance":
            yield from _distance_hits(number, text, doc, sentences, told_before)
            return
        activity_ends = {m.end for m in matches if m.label in number.not_after}
        for found in DURATION_PATTERN.finditer(text):
            amount = found.group("amount") or found.group("amount_max")
            unit = found.group("unit") or found.group("unit_max")
            minutes = _amount(amount) * SECONDS_PER_UNIT[unit[0]] / 60
            token = _token_at(doc, found.start())
            about_a_cramp = found.group(0).startswith("last") or (token is not None and sentences[token] in told_before)
            how_long_it_went_on = token is not None and any(
                token - NOT_AFTER_GAP <= end <= token for end in activity_ends
            )
            if token is not None and about_a_cramp and not how_long_it_went_on:
                status = Status.PRESENT if minutes > number.threshold else Status.ABSENT
                yield status, found.start(), found.end()


def _distance_hits(
    number: NumberRule, text: str, doc: Doc, sentences: list[int], told_before: set[int]
) -> Iterator[tuple[Status, int, int]]:
    """Distances of at least the threshold: a race's marker always (nobody drives past "mile 18"), an amount only
    in or after a sentence of its `needs` (an exercise word: "we drove 300 miles" is no workout)."""
    for found in DISTANCE_PATTERN.finditer(text):
        unit = found.group("marker") or found.group("unit")
        km = float(found.group("at") or found.group("amount")) * (KM_PER_MILE if unit.startswith("mile") else 1)
        token = _token_at(doc, found.start())
        exercise = found.group("at") is not None or (token is not None and sentences[token] in told_before)
        if exercise and km >= number.threshold:
            yield Status.PRESENT, found.start(), found.end()


def _unit_of(word: str) -> str:
    """A number run into its unit ("12hr", "45mins", "3days") read as the unit, so "12hr flight" is an "hour
    flight"; the numbers themselves are read from the text."""
    found = NUMBER_WITH_UNIT.fullmatch(word)
    return UNIT_NAMES.get(found.group(1), found.group(1)) if found else word


def _is_subsequence(short: str, long: str) -> bool:
    """Whether `short` is `long` with letters left out."""
    letters = iter(long)
    return all(letter in letters for letter in short)


def _token_at(doc: Doc, offset: int) -> int | None:
    """The index of the first token starting at or after character `offset` (None past the last)."""
    return next((token.i for token in doc if token.idx >= offset), None)


def _amount(said: str) -> float:
    return float(said) if said.isdigit() else NUMBER_WORDS[said]


def _celsius(value: float, unit: str | None) -> float | None:
    """A body temperature in degrees Celsius, or None when the number cannot be one."""
    if unit != "f" and CELSIUS_RANGE[0] <= value <= CELSIUS_RANGE[1]:
        return value
    if unit != "c" and FAHRENHEIT_RANGE[0] <= value <= FAHRENHEIT_RANGE[1]:
        return (value - 32) * 5 / 9
    return None


def _at_least(value: float, threshold: float) -> Status:
    return Status.PRESENT if value >= threshold else Status.ABSENT


def _inside(inner: _Match, outer: _Match) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and inner is not outer


LIST_JOINERS = frozenset({"or", "nor"})
LIST_ITEM_MAX = 2
NOT_A_LIST_ITEM = frozenset({"i", "my", "me", "it", "he", "she", "they", "we", "you", "his", "her", "their", "the"})


def _list_items_joined(keys: list[str], clauses: list[int]) -> list[int]:
    """Clause numbers where the items of a list after a comma belong to the clause before them, so a denial
    covers the whole list: "no swelling, redness, or warmth", "they aren't crampy, or tingling, or numb". An
    item is a clause after a comma that opens with "or"/"nor", or one or two words that are not a new subject
    ("no swelling, my calf hurts" stays two clauses); a lone "no, ..." answers, it lists nothing.
    """
    tokens: dict[int, list[int]] = {}
    for index, clause in enumerate(clauses):
        tokens.setdefault(clause, []).append(index)
    joined = {clause: clause for clause in tokens}
    previous: int | None = None
    for clause, indexes in sorted(tokens.items()):
        words = [keys[i] for i in indexes[1:]] if keys[indexes[0]] == "," else []
        item = bool(words) and (
            words[0] in LIST_JOINERS or (len(words) <= LIST_ITEM_MAX and not NOT_A_LIST_ITEM & set(words))
        )
        if item and previous is not None and len([i for i in tokens[previous] if keys[i] not in CLAUSE_BREAKS]) > 1:
            joined[clause] = joined[previous]
        previous = clause
    return [joined[clause] for clause in clauses]


def _story_past(matches: list[_Match], sentences: list[int]) -> set[int]:
    """The sentences of a story set long ago: a first sentence placed in the past ("Years ago...", "I am finally
    recovering from...") sets the time of the sentences after it, until one comes back to now ("now", "today",
    "is", "still"). A story told in the past tense without such a start is a story of now, and so is a message
    too short to be a story: "I had a DVT years ago. My foot went cold and white" tells of now.
    """
    if not sentences or sentences[-1] - sentences[0] + 1 < STORY_MIN_SENTENCES:
        return set()
    first = sentences[0]
    if not any(m.label == "cue:historical" and sentences[m.start] == first for m in matches):
        return set()
    back_to_now = [sentences[m.start] for m in matches if m.label == "cue:present" and sentences[m.start] > first]
    return set(range(first + 1, min(back_to_now, default=sentences[-1] + 1)))


def _commas_between_intensifiers(keys: list[str], spans: set[tuple[int, int, int]], intensifier: int) -> set[int]:
    """The commas between two intensifiers, which end no clause: "my foot gets really, really cold" is one."""
    ends = {end for label, _, end in spans if label == intensifier}
    starts = {start for label, start, _ in spans if label == intensifier}
    return {index for index, key in enumerate(keys) if key == "," and index in ends and index + 1 in starts}


def _wrapped_lines_joined(keys: list[str]) -> list[str]:
    """The keys with each single line break inside a sentence left out: a text wrapped at a fixed width ("really
    swollen,\nplus it turned red") keeps its sentences whole; a line break still ends a clause, and one after a full
    stop, or a blank line, still ends the sentence."""
    return [
        "" if key == "\n" and 0 < index < len(keys) - 1 and keys[index - 1] not in SENTENCE_BREAKS else key
        for index, key in enumerate(keys)
    ]


def _is_break(key: str, breaks: frozenset[str]) -> bool:
    """Whether a token ends a clause or sentence; a blank line ("\n\n", one token) is a line break."""
    return key in breaks or ("\n" in breaks and "\n" in key and key.isspace())


def _segment_ids(keys: list[str], breaks: frozenset[str]) -> list[int]:
    """For each token, the number of the clause or sentence it is in.

    Breaks in a row end one segment ("home.\n", "!!!"), and a blank line is a line break: otherwise a story's
    paragraphs would count as extra sentences and put its next sentence out of a `nearby` rule's reach.
    """
    ids, segment, after_break = [], 0, False
    for key in keys:
        is_break = _is_break(key, breaks)
        if is_break and not after_break:
            segment += 1
        after_break = is_break
        ids.append(segment)
    return ids


def _unless_undone(span: list[int], undoers: set[int], undone: set[int]) -> list[int]:
    """A negation's reach, or nothing when it reaches an undoing word, which then negates nothing either.

    Two negations cancel: "I couldn't sit down without severe pain" is pain, "not a night without cramps" is
    cramps at night. Matches come in text order, so the undoing word is marked before its own turn as a cue.
    """
    for token in span:
        if token in undoers:
            undone.add(token)
            return []
    return span


def _status(said: str, tokens: set[int], scopes: _Scopes, own: set[int], matches: list[_Match]) -> Status | None:
    """What a rule's match states, given the cues that reach its tokens (its own words excluded).

    A negation before the words flips what they say ("I don't drink enough" is dehydration); a word after them
    such as "normal" or "fine" says all is well, so it never turns a reassuring phrase into a finding.
    """
    negated, hedged = scopes.negated, scopes.hedged
    if any(hedged.get(token, set()) - own for token in tokens):
        return Status.UNKNOWN
    negations = {index for token in tokens for index in negated.get(token, set()) - own}
    if any(matches[index].label == "cue:negation_before" for index in negations):
        return Status.ABSENT if said in ("present", "none") else Status.PRESENT
    if negations:
        return Status.ABSENT
    if said == "none":
        return None
    return Status.PRESENT if said == "present" else Status.ABSENT
