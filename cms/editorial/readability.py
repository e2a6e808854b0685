"""LIX readability (läsbarhetsindex) for Swedish text.

LIX = words / sentences + 100 × long words / words, where a long word has more than
six letters. The function is pure so that the editor, the API and tests share it;
``page_text`` extracts the text an article's readers actually read.
"""

import dataclasses
import re
from collections.abc import Iterable

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

#: Letters, digits and inner hyphens/apostrophes make a word ("e-post", "kommun's").
_WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
#: A sentence ends at ., !, ? or : followed by space or the end of the text.
_SENTENCE_END_RE = re.compile(r"(?<=[.!?:])[\"'”»)]*\s+|\n+")
#: Common Swedish abbreviations whose dots do not end a sentence.
ABBREVIATIONS = (
    "bl.a.",
    "d.v.s.",
    "dvs.",
    "el.",
    "etc.",
    "f.d.",
    "fr.o.m.",
    "t.o.m.",
    "m.fl.",
    "m.m.",
    "ngt.",
    "o.s.v.",
    "osv.",
    "p.g.a.",
    "pga.",
    "s.k.",
    "t.ex.",
    "tex.",
    "kl.",
    "nr.",
    "ca.",
    "jfr.",
    "resp.",
    "fig.",
    "tel.",
)
_ABBREVIATION_RE = re.compile(
    r"(?<![^\W_])(" + "|".join(re.escape(a) for a in ABBREVIATIONS) + r")(?![^\W_])",
    re.IGNORECASE,
)
#: A long word has more than this many letters.
LONG_WORD_LETTERS = 6


class LixLevel:
    """The Swedish LIX scale: codes and their labels."""

    VERY_EASY = "very_easy"
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"
    VERY_HARD = "very_hard"

    LABELS = {
        VERY_EASY: _("Very easy to read"),
        EASY: _("Easy to read"),
        MEDIUM: _("Fairly difficult"),
        HARD: _("Difficult"),
        VERY_HARD: _("Very difficult"),
    }

    @classmethod
    def for_score(cls, score: float) -> str:
        """The level of a score: under 30, 30–40, 40–50, 50–60, over 60."""
        if score < 30:
            return cls.VERY_EASY
        if score < 40:
            return cls.EASY
        if score < 50:
            return cls.MEDIUM
        if score <= 60:
            return cls.HARD
        return cls.VERY_HARD


@dataclasses.dataclass(frozen=True)
class LixResult:
    """The score of a text and what it was computed from."""

    score: float
    words: int
    sentences: int
    long_words: int
    long_sentences: tuple[str, ...] = ()
    threshold: int = 0

    @property
    def level(self) -> str:
        """The code of the score's level on the Swedish scale."""
        return LixLevel.for_score(self.score)

    @property
    def label(self):
        """The translated name of the level ("Lättläst", ...)."""
        return LixLevel.LABELS[self.level]

    @property
    def is_over_threshold(self) -> bool:
        """True when the editor should be warned that the text is hard to read."""
        return self.words > 0 and self.score > self.threshold

    def as_dict(self) -> dict:
        """Plain values for the API and JSON."""
        return {
            "score": self.score,
            "level": self.level,
            "label": str(self.label),
            "words": self.words,
            "sentences": self.sentences,
            "long_words": self.long_words,
            "threshold": self.threshold,
            "over_threshold": self.is_over_threshold,
            "long_sentences": list(self.long_sentences),
        }


#: Stands in for the dots of abbreviations while sentences are split.
_PROTECTED_DOT = "\u2024"


def _protect_abbreviations(text: str) -> str:
    # "t.ex." must not split a sentence: hide the dots inside known abbreviations.
    return _ABBREVIATION_RE.sub(lambda m: m.group(0).replace(".", _PROTECTED_DOT), text)


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text``; a line break also ends one (headings, list items)."""
    text = _protect_abbreviations(text)
    return [
        s.strip().replace(_PROTECTED_DOT, ".")
        for s in _SENTENCE_END_RE.split(text)
        if _WORD_RE.search(s)
    ]


def words_of(text: str) -> list[str]:
    """The words of ``text``."""
    return _WORD_RE.findall(text)


def is_long_word(word: str) -> bool:
    """True for a word of more than six letters (digits and hyphens do not count)."""
    return sum(1 for c in word if c.isalpha()) > LONG_WORD_LETTERS


def lix(
    text: str,
    *,
    threshold: int | None = None,
    long_sentence_words: int | None = None,
) -> LixResult:
    """The LIX score of ``text``, rounded to one decimal, with very long sentences."""
    if threshold is None:
        threshold = settings.ENKANAL_LIX_WARNING_THRESHOLD
    if long_sentence_words is None:
        long_sentence_words = settings.ENKANAL_LIX_LONG_SENTENCE_WORDS
    sentences = split_sentences(text)
    word_count = 0
    long_count = 0
    long_sentences = []
    for sentence in sentences:
        words = words_of(sentence)
        word_count += len(words)
        long_count += sum(1 for w in words if is_long_word(w))
        if len(words) > long_sentence_words:
            long_sentences.append(sentence)
    if not word_count:
        return LixResult(0.0, 0, 0, 0, (), threshold)
    score = word_count / len(sentences) + 100 * long_count / word_count
    return LixResult(
        round(score, 1), word_count, len(sentences), long_count, tuple(long_sentences), threshold
    )


def html_to_text(html: str) -> str:
    """Plain text of rich text, with a line break after each block element."""
    html = re.sub(r"(?i)<br\s*/?>|</(p|li|h[1-6]|div|blockquote)>", "\n", html)
    return strip_tags(html)


def _block_texts(block_type: str, value) -> Iterable[str]:
    """Text a reader reads in one body block; images, videos and contacts have none."""
    if block_type == "heading":
        yield value["text"]
    elif block_type == "paragraph":
        yield html_to_text(value.source)
    elif block_type == "quote":
        yield value["quote"]
    elif block_type == "fact_box":
        yield value["title"]
        yield html_to_text(value["text"].source)


def page_text(page) -> str:
    """Title, summary and body text of an article, one block per line."""
    parts = [page.title or "", getattr(page, "summary", "") or ""]
    for child in getattr(page, "body", None) or []:
        parts.extend(_block_texts(child.block_type, child.value))
    return "\n".join(p.strip() for p in parts if p and p.strip())


def page_lix(page) -> LixResult:
    """The LIX score of a page's title, summary and body."""
    return lix(page_text(page))
