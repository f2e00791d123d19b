"""Placeholders and tags of software strings (align/text/placeholders.py) and the check that reads them
(align/detectors/placeholders.py)."""

from __future__ import annotations

import pytest

from align.alignment.words import split_words
from align.text.placeholders import find_placeholders, placeholder_differences


def _found(text: str) -> list[str]:
    return [p.text for p in find_placeholders(text)]


def _differences(source: str, target: str) -> list[tuple[str | None, str | None]]:
    return [
        (d.source.text if d.source else None, d.target.text if d.target else None)
        for d in placeholder_differences(source, target)
    ]


@pytest.mark.parametrize(
    ("text", "placeholders"),
    [
        ("Deleted %d files from %s.", ["%d", "%s"]),
        ("%(filename)s: %.2fMB, %5.1f%%, %-10s|", ["%(filename)s", "%.2f", "%5.1f", "%-10s"]),
        ("Downloading %1$s of %2$s (%lu bytes), %@", ["%1$s", "%2$s", "%lu", "%@"]),
        ("Qt: %1 of %2", ["%1", "%2"]),
        (
            "Hello {name}, {0} {} {user.name} {{ count }} ${x} %{y}",
            ["{name}", "{0}", "{}", "{user.name}", "{{ count }}", "${x}", "%{y}"],
        ),
        (
            '<b>Bold</b> <a href="x.html" title="T">link</a> <br/>',
            ["<b>", "</b>", '<a href="x.html" title="T">', "</a>", "<br/>"],
        ),
        # prose and usage texts: none
        ("Inflation rose 3,2 % to 50%de, 100 % sure; %REGEXP% and %0A", []),
        ("usage: cp <file> <dir> {INTEGER}; {n, plural, one {# file} other {# files}}", []),
    ],
)
def test_placeholders_found(text, placeholders):
    assert _found(text) == placeholders


def test_a_date_format_is_no_printf_string():
    assert _found("%a %b %e %H:%M:%S %Y") == []
    assert _differences("%m/%d/%y", "%d/%m/%y") == []


@pytest.mark.parametrize(
    ("source", "target", "differences"),
    [
        ("Deleted %d files from %s.", "Se eliminaron %d archivos.", [("%s", None)]),
        ("Deleted %d files from %s.", "Se eliminaron %d archivos de %s.", []),
        ("Welcome, {name}! {count} new", "¡Bienvenido! {count} nuevos", [("{name}", None)]),
        ("Could not open <b>%(f)s</b>", "No se pudo abrir %(f)s", [("<b>", None), ("</b>", None)]),
        # unnumbered arguments keep their order; numbered ones may move, and be said twice
        ("Downloading %s of %d", "Descargando %d de %s", [("%s", "%d"), ("%d", "%s")]),
        ("Downloading %s of %d", "Descargando %2$d de %1$s", []),
        ("Report %s bugs to %s", "Informe de %1$s a %2$s (%1$s)", []),
        ("Saved %s.", "Guardado %s en %s.", [(None, "%s")]),
        ("Size %d", "Tamaño %i", []),  # the same conversion
        ("Open {file}", "Abrir {archivo}", [("{file}", "{archivo}")]),
        ('<a href="/help" title="Help">Help</a>', '<a title="Ayuda" href="/help">Ayuda</a>', []),
        ('<a href="/help">Help</a>', '<a href="/ayuda">Ayuda</a>', [('<a href="/help">', '<a href="/ayuda">')]),
        ("<key name='%s'> already specified", "<key name=«%s»> ya especificada", []),
    ],
)
def test_placeholder_differences(source, target, differences):
    assert _differences(source, target) == differences


def test_placeholders_are_no_words():
    """A dropped "%s" was reported as a dropped word 's', a dropped "<b>" as a word 'b'."""
    words = [w.text for w in split_words("Could not open <b>%(filename)s</b> from %s: 50% of it.", "en")]
    assert words == ["Could", "not", "open", "from", ":", "50", "%", "of", "it", "."]
