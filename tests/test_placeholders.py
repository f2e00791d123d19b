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
        ("usage: cp <file> <dir> {INTEGER}", []),
    ],
)
def test_placeholders_found(text, placeholders):
    assert _found(text) == placeholders


def test_an_icu_choice_is_its_head_and_syntax():
    found = [(p.text.strip(), p.key) for p in find_placeholders(_ICU)]
    assert found == [
        ("{count, plural,", "{count,plural}"),
        ("=0 {", ""),
        ("}", ""),
        ("one {", ""),
        ("#", ""),
        ("}", ""),
        ("other {", ""),
        ("{count}", "{count}"),
        ("}", ""),
        ("}", ""),
    ]


def test_a_choice_inside_a_choice():
    nested = "{n, plural, one {{g, select, male {He has # photo} other {They have # photo}}} other {{name} has #}}"
    keys = [p.key for p in find_placeholders(nested) if p.key]
    assert keys == ["{n,plural}", "{g,select}", "{name}"]  # "{He has # photo}" is a message, no field


def test_a_date_format_is_no_printf_string():
    assert _found("%a %b %e %H:%M:%S %Y") == []
    assert _differences("%m/%d/%y", "%d/%m/%y") == []


_ICU = "{count, plural, =0 {No photos} one {# photo} other {{count} photos}}"


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
        # ICU choices: the argument kept, each language its own plural categories
        (_ICU, "{count, plural, =0 {Ninguna foto} one {# foto} many {# fotos} other {{count} fotos}}", []),
        (_ICU, "{n, plural, one {# foto} other {{count} fotos}}", [("{count, plural,", "{n, plural,")]),
        (_ICU, "{count, plural, one {una foto} other {fotos}}", [("{count}", None)]),
        (
            "{g, select, male {He} other {They}} liked {name}'s photo.",
            "A {g, select, male {él} other {elle}} le gustó.",
            [("{name}", None)],
        ),
    ],
)
def test_placeholder_differences(source, target, differences):
    assert _differences(source, target) == differences


def test_an_icu_messages_syntax_is_no_words():
    """ "One" right after "=1{" was read as a name ("One photo" / "Una foto": name_mismatch 0.90)."""
    words = [w.text for w in split_words("{count, plural, =1{One photo} other{{count} photos}}", "en")]
    assert words == ["One", "photo", "photos"]


def test_placeholders_are_no_words():
    """A dropped "%s" was reported as a dropped word 's', a dropped "<b>" as a word 'b'."""
    words = [w.text for w in split_words("Could not open <b>%(filename)s</b> from %s: 50% of it.", "en")]
    assert words == ["Could", "not", "open", "from", ":", "50", "%", "of", "it", "."]


_XLIFF_UNITS = [
    (
        "Click <g id='1'>Save</g> to keep your changes.",
        "Haga clic en <g id='1'>Guardar</g> para conservar los cambios.",
    ),
    (
        "Welcome, <x id='2'/>! You have <x id='3'/> new messages.",
        "¡Bienvenido, <x id='2'/>! Tiene <x id='3'/> mensajes.",
    ),
    (
        "Read the <bpt id='4'>&lt;a href=\"/terms\"&gt;</bpt>terms of use<ept id='4'>&lt;/a&gt;</ept> before you sign.",
        "Lea las <bpt id='4'>&lt;a href=\"/terms\"&gt;</bpt>condiciones de uso<ept id='4'>&lt;/a&gt;</ept> antes de "
        "firmar.",
    ),
    ("The report was published on Monday.", "El informe se publicó el lunes."),
]


def _xliff(path, units) -> str:
    body = "".join(
        f'<trans-unit id="{k}"><source>{s}</source><target>{t}</target></trans-unit>' for k, (s, t) in enumerate(units)
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        f'<file source-language="en" target-language="es" datatype="plaintext" original="ui"><body>{body}</body>'
        "</file></xliff>",
        encoding="utf-8",
    )
    return str(path)


def _placeholder_flags(source: str, target: str) -> tuple[str, list[dict]]:
    """`align check` as JSON: the target's text (its spans point into it) and the placeholder_mismatch flags."""
    import json

    from typer.testing import CliRunner

    from align.cli import app

    payload = json.loads(CliRunner().invoke(app, ["check", "-q", "-f", "json", source, target]).stdout)
    return payload["target"]["text"], [f for f in payload["flags"] if f["kind"] == "placeholder_mismatch"]


def _tag_flags(path: str) -> list[tuple[str, str, str]]:
    text, flags = _placeholder_flags(path, path)
    return [(f["source_text"], f["target_text"], text[f["target_span"][0] :][:12]) for f in flags]


def test_a_memorys_inline_tags_the_translation_drops(tmp_path):
    """A CAT tool's inline tags (<x/>, <g>, <bpt>/<ept>) are no text of the segment and were read as nothing: a
    translation that lost them passed."""
    assert _tag_flags(_xliff(tmp_path / "right.xlf", _XLIFF_UNITS)) == []
    damaged = list(_XLIFF_UNITS)
    damaged[1] = (damaged[1][0], "¡Bienvenido! Tiene <x id='3'/> mensajes.")
    damaged[2] = (damaged[2][0], "Lea las condiciones de uso antes de firmar.")
    assert _tag_flags(_xliff(tmp_path / "damaged.xlf", damaged)) == [
        ('<x id="2"/>', "", "! Tiene  men"),
        ('<a href="/terms">', "", " condiciones"),
        ("</a>", "", " antes de fi"),
    ]


def test_a_tmx_placeholder_tag_added(tmp_path):
    from align.reports.tmx import render_tmx
    from align.reports.translation_units import TranslationUnitData

    path = tmp_path / "memory.tmx"
    text = render_tmx([TranslationUnitData("Press Enter to go on.", "Pulse Intro para seguir.", id="1")], "en", "es")
    text = text.replace("Pulse Intro", 'Pulse <ph x="1">&lt;kbd&gt;</ph>Intro')
    path.write_text(text, encoding="utf-8")
    assert _tag_flags(str(path)) == [("", "<kbd>", "Intro para s")]


def test_markdown_inline_code_and_links_the_translation_changes(tmp_path):
    """Documentation: a command, an option or a link target translated was read as prose (or not at all)."""
    english, spanish = tmp_path / "doc.en.md", tmp_path / "doc.es.md"
    english.write_text(
        "# Installing\n\nRun `pip install align` to install it. See the [guide](https://example.org/guide).\n\n"
        "Use the `--min-confidence 0.5` option to hide weak flags.\n",
        encoding="utf-8",
    )

    def flags(translation: str) -> list[tuple[str, str, str]]:
        spanish.write_text(translation, encoding="utf-8")
        text, found = _placeholder_flags(str(english), str(spanish))
        return [(f["source_text"], f["target_text"], text[slice(*f["target_span"])]) for f in found]

    faithful = (
        "# Instalación\n\nEjecute `pip install align` para instalarlo. Consulte la [guía](https://example.org/guide)."
        "\n\nUse la opción `--min-confidence 0.5` para ocultar los avisos débiles.\n"
    )
    assert flags(faithful) == []
    damaged = faithful.replace("`pip install align`", "`pip instalar align`").replace("guide)", "guia)")
    assert flags(damaged.replace("`--min-confidence 0.5`", "--min-confidence 0.5")) == [
        ("pip install align", "pip instalar align", "pip instalar align"),  # the code's text, in both files
        ("(https://example.org/guide)", "(https://example.org/guia)", ""),
        ("--min-confidence 0.5", "", ""),
    ]
