"""Format placeholders and markup tags in software strings ("%d", "%2$s", "%(name)s", "{count}", "{{user}}", "<b>"):
what the program fills in or renders, which a translation must carry unchanged. They are no words: a dropped "%s"
read as a dropped word 's' says nothing a translator can act on.

Each one gets a key that must match across the languages: printf conversions by their argument (the i-th unnumbered
one is argument i, so "%s ... %d" and "%2$d ... %1$s" carry the same), braces by their field, tags by their name and
the attributes a translator does not translate (a link's href, not its title)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from itertools import zip_longest
from typing import Protocol, TypeVar

# C / Python printf: argument number or Python key, flags (no space: "100 % sure" is prose), width, precision,
# length and the conversion (glibc's "%m" too), not right after a digit ("50%de" is a percent); Qt's and boost's "%1" /
# "%1%"; Objective-C's "%@". "%%" is a literal percent, "%0A" a URL's escaped character, "%REGEXP%" a usage text's
# word.
_PRINTF = re.compile(
    r"(?<!\d)%(?![0-9][A-F]|[A-Z][A-Z_]*%)(?:(?:(?P<number>\d+)\$|\((?P<key>\w+)\))?[-+#'0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
    r"(?:hh|h|ll|l|L|q|j|z|t|I64|I32)?(?P<conversion>[diouxXeEfFgGaAcspnmSC@])"
    r"|(?P<qt>[1-9]\d?)%?(?!\d))"
)
# A date format ("%a %b %e %H:%M:%S %Y") is strftime's, whose fields a translation may reorder and change ("%A %e %B");
# two of its own fields tell one (binutils has a "%B" of its own).
_DATE_FORMAT = re.compile(r"%[-_0^#]?[HIMSYZBbTyRDjklm](?![A-Za-z])")
# "{count}", "{0}", "{}", "{0:.2f}", "{user.name}", "{name!r}", Ruby's "%{name}", JavaScript's "${name}"; doubled
# ones ("{{ count }}", i18next, Angular, Jinja); "{{" and "}}" alone are Python's literal braces. An ICU message ("{n,
# plural, one {# file} other {# files}}") has spaces and commas inside, and a usage text's "{INTEGER}" is a word
# the translation translates ("{ENTIER}"): neither is a placeholder of this kind.
_BRACES = re.compile(
    r"\{\{\s*(?P<double>[\w.]+)\s*\}\}|(?P<escaped>\{\{|\}\})"
    r"|(?P<prefix>[$%]?)\{(?P<field>\w*(?:\.\w+|\[\w+\])*)(?:![rsa])?(?::[^{}\s]*)?\}"
)
# An HTML or Pango tag: a known element, or one with attributes (name="value"), or one that closes itself ("<br/>");
# a usage text's "<file>" or "<link>" is a word the translation may translate ("<archivo>", "<lien>").
_TAG = re.compile(
    r"<(?P<closing>/?)(?P<name>[A-Za-z][\w:-]*)"
    r"""(?P<attributes>(?:\s+[\w:-]+\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=]+))*)\s*(?P<empty>/?)>"""
)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
_MARKUP_ELEMENTS = frozenset(
    "a abbr b big blockquote br code dd del div dl dt em h1 h2 h3 h4 h5 h6 hr i img ins kbd li markup ol p pre q s "
    "samp small span strike strong sub sup table tbody td th thead tr tt u ul g x bx ex ph bpt ept it".split()
)
# Attributes whose value is text a translator translates.
_TRANSLATED_ATTRIBUTES = frozenset({"alt", "title", "placeholder", "aria-label", "label", "summary", "content"})


@dataclass(frozen=True)
class Placeholder:
    text: str
    start: int
    end: int
    key: str  # what the other side's placeholder must be to carry the same
    # An unnumbered one ("%s", "{}") takes its argument by its place among them: its key with that number ("%2$s",
    # "{1}"), for a side that numbers its arguments; None for one that names or numbers its own.
    numbered_key: str | None = None

    @property
    def is_tag(self) -> bool:
        return self.text.startswith("<")


def find_placeholders(text: str) -> list[Placeholder]:
    """The placeholders and markup tags of a text, in order; an ICU message's syntax ("{count, plural, one {" ...
    "}") with an empty key, which no comparison reads."""
    if not any(mark in text for mark in "%{<"):
        return []
    syntax = _icu_syntax(text)
    masked = _masked(text, syntax)
    found = [*syntax, *_printf(masked), *_braces(masked), *_tags(masked)]
    found.sort(key=lambda p: (p.start, -p.end))
    out: list[Placeholder] = []
    for placeholder in found:
        if not out or placeholder.start >= out[-1].end:  # one inside another ("<a href='%s'>") is the outer one's
            out.append(placeholder)
    return out


# ICU MessageFormat (FormatJS, Angular, Flutter's .arb): an argument that chooses among messages, "{count, plural,
# =0 {No photos} one {# photo} other {{count} photos}}". Its head is a placeholder the translation must keep ("{count,
# plural}"); its selectors are syntax, not words, and not compared (each language has its own plural categories);
# so is "#", the number, which a language may say in words where its category holds one number only ("una foto").
_ICU_HEAD = re.compile(r"\{\s*(?P<name>\w+)\s*,\s*(?P<type>plural|selectordinal|select)\s*,")
_ICU_SELECTOR = re.compile(r"\s*(?:offset:\s*\d+\s*)?(?P<selector>=\d+|[\w-]+)\s*\{")
_ICU_NUMBER = re.compile(r"(?<![\w'])#(?![\w'])")


def _icu_syntax(text: str) -> list[Placeholder]:
    """The heads, selectors and closing braces of the ICU choices in a text, and the "#" of their messages."""
    out: list[Placeholder] = []
    position = 0
    while (head := _ICU_HEAD.search(text, position)) is not None:
        out.append(Placeholder(head.group(), head.start(), head.end(), f"{{{head['name']},{head['type']}}}"))
        at = head.end()
        while (selector := _ICU_SELECTOR.match(text, at)) is not None:
            out.append(Placeholder(selector.group(), selector.start(), selector.end(), ""))
            close = _closing_brace(text, selector.end())
            if close < 0:
                return out
            message = text[selector.end() : close]
            if head["type"] != "select":
                out += [
                    Placeholder("#", selector.end() + m.start(), selector.end() + m.start() + 1, "")
                    for m in _ICU_NUMBER.finditer(message)
                    if not _inside(out, selector.end() + m.start())
                ]
            out.append(Placeholder("}", close, close + 1, ""))
            at = close + 1
        end = text.find("}", at)
        if end < 0:
            break
        out.append(Placeholder(text[at : end + 1], at, end + 1, ""))
        position = head.end()  # a choice inside one of its messages is read next
    return sorted(out, key=lambda p: p.start)


def _closing_brace(text: str, start: int) -> int:
    """Where the brace opened just before `start` closes (nested choices inside), -1 where it does not."""
    depth = 1
    for k in range(start, len(text)):
        depth += _BRACE_DEPTH.get(text[k], 0)
        if depth == 0:
            return k
    return -1


_BRACE_DEPTH = {"{": 1, "}": -1}


def _inside(found: list[Placeholder], position: int) -> bool:
    return any(p.start <= position < p.end for p in found)


def _masked(text: str, syntax: list[Placeholder]) -> str:
    """The text with the ICU syntax blanked out (its length kept), for the other finders."""
    if not syntax:
        return text
    chars = list(text)
    for placeholder in syntax:
        chars[placeholder.start : placeholder.end] = " " * (placeholder.end - placeholder.start)
    return "".join(chars)


def _printf(text: str) -> list[Placeholder]:
    if len(_DATE_FORMAT.findall(text)) >= 2:
        return []
    out: list[Placeholder] = []
    masked = text.replace("%%", "\0\0")
    unnumbered = 0
    for match in _PRINTF.finditer(masked):
        numbered_key = None
        if match["qt"] is not None:
            key = f"%{match['qt']}"
        elif match["key"] is not None:
            key = f"%({match['key']}){_conversion(match)}"
        elif match["number"] is not None:
            key = f"%{match['number']}${_conversion(match)}"
        else:
            unnumbered += 1
            key, numbered_key = f"%{_conversion(match)}", f"%{unnumbered}${_conversion(match)}"
        out.append(Placeholder(match.group(), match.start(), match.end(), key, numbered_key))
    return out


def _conversion(match: re.Match[str]) -> str:
    """printf's "%i" is its "%d"."""
    return "d" if match["conversion"] == "i" else match["conversion"]


def _braces(text: str) -> list[Placeholder]:
    out: list[Placeholder] = []
    anonymous = 0
    for match in _BRACES.finditer(text):
        if match["escaped"] is not None:
            continue
        numbered_key = None
        if match["double"] is not None:
            key = "{{" + match["double"] + "}}"
        elif not match["field"]:
            key, numbered_key = match["prefix"] + "{}", match["prefix"] + "{" + str(anonymous) + "}"
            anonymous += 1
        elif not match["field"].isascii() or (match["field"].isupper() and len(match["field"]) > 1):
            continue
        else:
            key = match["prefix"] + "{" + match["field"] + "}"
        out.append(Placeholder(match.group(), match.start(), match.end(), key, numbered_key))
    return out


def _tags(text: str) -> list[Placeholder]:
    out: list[Placeholder] = []
    for match in _TAG.finditer(text):
        name = match["name"].lower()
        attributes = _ATTRIBUTE.findall(match["attributes"])
        if name not in _MARKUP_ELEMENTS and not attributes and not match["empty"]:
            continue
        kept = sorted(
            f"{a.lower()}={v.strip(_QUOTES)}"
            for a, v in attributes
            if a.lower() not in _TRANSLATED_ATTRIBUTES and not any(mark in v for mark in "%{")
        )
        key = "<" + match["closing"] + " ".join([name, *kept]) + match["empty"] + ">"
        out.append(Placeholder(match.group(), match.start(), match.end(), key))
    return out


# Quotes around an attribute's value, typographic ones too: a message that quotes a tag in its text ("<key
# name='%s'> already specified") is quoted the translation's way ("<key name=«%s»>").
_QUOTES = "\"'“”«»„‚‘’"


@dataclass(frozen=True)
class PlaceholderDifference:
    """A source placeholder the target lacks (target None), one the target adds (source None), or one it changes."""

    source: Placeholder | None
    target: Placeholder | None


def placeholder_differences(source_text: str, target_text: str) -> list[PlaceholderDifference]:
    """What the target does not carry of the source's placeholders, and what it has that the source has not.

    Unnumbered ones take their arguments in order, so they are compared in order ("%s ... %d" / "%d ... %s" swaps
    two), unless a side numbers its arguments ("%2$d ... %1$s", a reordering the numbers allow). Named and numbered
    ones may move with the words and be said twice ("%1$s ... %1$s"); tags may move, each one counted. A missing and
    an added one of the same sort (both tags, or both not) pair up as a change."""
    source = [p for p in find_placeholders(source_text) if p.key]
    target = [p for p in find_placeholders(target_text) if p.key]
    if any(p.numbered_key for p in source + target) and any(_numbered(p) for p in source + target):
        source, target = [_by_argument(p) for p in source], [_by_argument(p) for p in target]
    changed: list[PlaceholderDifference] = []
    missing: list[Placeholder] = []
    added: list[Placeholder] = []
    for family in ("%", "{"):
        for lost, extra in _sequence_differences(
            [p for p in source if p.numbered_key and _family(p) == family],
            [p for p in target if p.numbered_key and _family(p) == family],
        ):
            if lost and extra:
                changed.append(PlaceholderDifference(lost, extra))
            elif lost:
                missing.append(lost)
            elif extra:
                added.append(extra)
    named_source = {p.key for p in source if not p.numbered_key and not p.is_tag}
    named_target = {p.key for p in target if not p.numbered_key and not p.is_tag}
    missing += [p for p in source if not p.numbered_key and not p.is_tag and p.key not in named_target]
    added += [p for p in target if not p.numbered_key and not p.is_tag and p.key not in named_source]
    source_tags, target_tags = [p for p in source if p.is_tag], [p for p in target if p.is_tag]
    missing += unmatched(source_tags, target_tags)
    added += unmatched(target_tags, source_tags)
    pairs = paired(sorted(missing, key=lambda p: p.start), added, lambda p: p.is_tag)
    return changed + [PlaceholderDifference(lost, extra) for lost, extra in pairs]


def paired(missing: Sequence[T], added: Sequence[T], sort: Callable[[T], object]) -> list[tuple[T | None, T | None]]:
    """A missing one and an added one of the same sort, in order, as one change; the others alone."""
    left = list(added)
    out: list[tuple[T | None, T | None]] = []
    for lost in missing:
        partner = next((a for a in left if sort(a) == sort(lost)), None)
        if partner is not None:
            left.remove(partner)
        out.append((lost, partner))
    return out + [(None, extra) for extra in left]


def _family(placeholder: Placeholder) -> str:
    """Printf conversions and brace fields take their arguments each in their own order."""
    return "{" if "{" in placeholder.key else "%"


def _numbered(placeholder: Placeholder) -> bool:
    """A printf conversion or brace field that names its argument by number ("%2$s", "%1", "{0}")."""
    return bool(re.fullmatch(r"%\d+(?:\$\w|@)?|%\d+|\{\d+\}", placeholder.key))


def _by_argument(placeholder: Placeholder) -> Placeholder:
    if placeholder.numbered_key is None:
        return placeholder
    return replace(placeholder, key=placeholder.numbered_key, numbered_key=None)


def _sequence_differences(
    source: list[Placeholder], target: list[Placeholder]
) -> list[tuple[Placeholder | None, Placeholder | None]]:
    """Unnumbered placeholders compared in order: argument by argument where both sides take as many, else what one
    side deletes, inserts or replaces."""
    if len(source) == len(target):
        return [(a, b) for a, b in zip(source, target, strict=True) if a.key != b.key]
    out: list[tuple[Placeholder | None, Placeholder | None]] = []
    matcher = SequenceMatcher(a=[p.key for p in source], b=[p.key for p in target], autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag != "equal":
            out.extend(zip_longest(source[a0:a1], target[b0:b1]))
    return out


class Keyed(Protocol):
    @property
    def key(self) -> str: ...


K = TypeVar("K", bound=Keyed)
T = TypeVar("T")


def unmatched(these: Sequence[K], others: Sequence[Keyed]) -> list[K]:
    """Those of `these` whose key the others hold fewer times (the first ones kept, the last ones left over): tags,
    each one counted."""
    available = Counter(other.key for other in others)
    out = []
    for placeholder in these:
        if available[placeholder.key] > 0:
            available[placeholder.key] -= 1
        else:
            out.append(placeholder)
    return out
