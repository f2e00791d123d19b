import textwrap

import pytest

from align.text.segment import _closers_to_previous, split_presplit, split_sentences

TEXT = (
    "Brussels (EFE).- Several countries stressed the point on Thursday. Dr. Smith agreed.\n"
    "\n"
    "Working out the details\n"
    "He said 2.5 million people were there. She left.\n"
)


def test_offsets_point_into_the_original_text():
    sentences = split_sentences(TEXT, "en")
    for s in sentences:
        assert " ".join(TEXT[s.start : s.end].split()) == s.text
    assert [s.id for s in sentences] == list(range(len(sentences)))


def test_dateline_stays_with_its_sentence_and_heading_is_its_own():
    texts = [s.text for s in split_sentences(TEXT, "en")]
    assert texts[0].startswith("Brussels (EFE).- Several countries")
    assert "Working out the details" in texts
    assert "Dr. Smith agreed." in texts
    assert "He said 2.5 million people were there." in texts


def test_a_dateline_in_capitals_stays_with_its_sentence():
    texts = [s.text for s in split_sentences("BRUSELAS.- Varios países lo subrayaron. Otros no.", "es")]
    assert texts == ["BRUSELAS.- Varios países lo subrayaron.", "Otros no."]
    texts = [s.text for s in split_sentences("Se aprobó en la ONU. - Es bueno, dijo.", "es")]
    assert texts == ["Se aprobó en la ONU.", "- Es bueno, dijo."]


def test_presplit_ids_are_line_numbers_with_offsets():
    text = "one\n\nthree\r\nfour"
    sentences = split_presplit(text)
    assert [s.text for s in sentences] == ["one", "", "three", "four"]
    assert [text[s.start : s.end] for s in sentences] == ["one", "", "three", "four"]


def test_presplit_lines_are_the_lines_a_line_count_sees():
    """A form feed (pdftotext's page break), U+2028 or U+0085 inside a line is no line end: ids stay line numbers."""
    text = "one\x0cpage two\nthree\u2028still three\rfour\x85more\n"
    sentences = split_presplit(text)
    assert [s.text for s in sentences] == ["one page two", "three still three", "four more"]
    assert [s.id for s in sentences] == [0, 1, 2]
    assert [text[s.start : s.end] for s in sentences] == ["one\x0cpage two", "three\u2028still three", "four\x85more"]


def test_one_huge_line_is_cut_into_bounded_sentences():
    text = ("word " * 250_000).strip()  # about 1.25 MB, no punctuation at all
    sentences = split_sentences(text, "en")
    assert len(sentences) > 100
    assert max(s.end - s.start for s in sentences) <= 2000
    assert sentences[-1].end == len(text)


def test_unsupported_language_falls_back_to_punctuation():
    text = "Mae hi'n braf. Dw i'n mynd adref! Pam?"
    assert [s.text for s in split_sentences(text, "cy")] == ["Mae hi'n braf.", "Dw i'n mynd adref!", "Pam?"]


def test_the_fallback_keeps_abbreviations_initials_and_ordinals_inside_the_sentence():
    cases = [
        (
            "pt",
            "O Sr. Silva chegou às 10h. A reunião, p. ex. a de ontem, durou 3 horas. Depois saiu.",
            ["O Sr. Silva chegou às 10h.", "A reunião, p. ex. a de ontem, durou 3 horas.", "Depois saiu."],
        ),
        (
            "is",
            "Fundurinn stóð í 3 klst. og var góður. Ráðherrann sagði: „Við höldum áfram.“ Síðan fór hann.",
            ["Fundurinn stóð í 3 klst. og var góður.", "Ráðherrann sagði: „Við höldum áfram.“", "Síðan fór hann."],
        ),
        (
            "fi",
            "Kokous pidettiin 10. kesäkuuta. Sen avasi J. Virtanen, ks. s. 120. Hän puhui pitkään.",
            ["Kokous pidettiin 10. kesäkuuta.", "Sen avasi J. Virtanen, ks. s. 120.", "Hän puhui pitkään."],
        ),
        # A short word of dialogue is a sentence; a measure in metres ends one.
        (
            "sv",
            "Ja. Nej. Toppen ligger på 8222 m. Ingen kom dit.",
            ["Ja.", "Nej.", "Toppen ligger på 8222 m.", "Ingen kom dit."],
        ),
    ]
    for lang, text, expected in cases:
        assert [s.text for s in split_sentences(text, lang)] == expected, lang


def test_closing_quote_stays_with_its_sentence():
    text = "他说：“欧洲有200万军人。”然后他离开了会场。会议持续了三个小时？是的。"
    sentences = [text[s.start : s.end] for s in split_sentences(text, "zh")]
    assert sentences == ["他说：“欧洲有200万军人。”", "然后他离开了会场。", "会议持续了三个小时？", "是的。"]
    # A straight quote opens as often as it closes: it stays where the splitter put it.
    english = 'He left. "We must go," she said. Then they went.'
    sentences = [english[s.start : s.end] for s in split_sentences(english, "en")]
    assert sentences == ["He left.", '"We must go," she said.', "Then they went."]


def test_one_quotation_ending_and_the_next_opening_is_a_boundary():
    cases = [
        ("en", "They would try to “keep the US on board.” “It is also in our interest,” she said."),
        ("de", "Er sagte: „Das ist gut.“ „Warum?“, fragte sie."),
        ("de", "Er sagte: »Das ist gut.« »Warum?«, fragte sie."),
        ("fr", "Il a dit : « C'est bien. » « Pourquoi ? » a-t-elle demandé."),
        ("it", "Ha detto: «È giusto.» «Perché?» ha chiesto lei."),
        ("en", "'Which book?' 'I can't remember.'"),
    ]
    for lang, text in cases:
        sentences = [text[s.start : s.end] for s in split_sentences(text, lang)]
        assert len(sentences) == 2, (lang, sentences)
        assert "".join(sentences).replace(" ", "") == text.replace(" ", "")
    # An attribution after the quotation, or a quoted word that is not a sentence, stays with it.
    for lang, text in [("en", "“Why not?” she asked. He called it “the U.S.” “army” twice.")]:
        sentences = [text[s.start : s.end] for s in split_sentences(text, lang)]
        assert sentences == ["“Why not?” she asked.", "He called it “the U.S.” “army” twice."]


def test_a_closing_single_quote_stays_with_its_sentence_despite_apostrophes():
    text = "'I'm with the old man.' Misty nodded. 'You didn't ask me.' 'Then you should have.'"
    sentences = [text[s.start : s.end] for s in split_sentences(text, "en")]
    assert sentences == ["'I'm with the old man.'", "Misty nodded.", "'You didn't ask me.'", "'Then you should have.'"]


def test_a_straight_closing_quote_after_final_punctuation_closes_that_sentence():
    """pysbd, on some paragraphs, ends a quotation of several sentences before its '"' and opens the next sentence
    with it; the quote opened in an earlier sentence, so no count in this one says it closes."""
    chunk = '"It is late. Data is sufficient." As he spoke, he typed.'
    second = chunk.index("Data")
    quote = chunk.index('" As')
    spans = [(0, second - 1), (second, quote), (quote, len(chunk))]
    pieces = [chunk[a:b].strip() for a, b in _closers_to_previous(chunk, spans)]
    assert pieces == ['"It is late.', 'Data is sufficient."', "As he spoke, he typed."]


def test_a_closing_quote_goes_back_to_the_quotation_it_closes():
    text = 'He said it again. "This Dr. Sha must be mental." He went into the dim room.'
    sentences = [text[s.start : s.end] for s in split_sentences(text, "en")]
    assert '"This Dr. Sha must be mental."' in sentences
    # « opens a French quotation, whatever an OCR speck before it ("P»tar") seems to leave open.
    text = "Photos : P»tar Donatsch créant là un îlot. « C'est le moment de sortir ton appareil ! »"
    sentences = [text[s.start : s.end] for s in split_sentences(text, "fr")]
    assert sentences[-1].startswith("« C'est")


def test_a_dialogue_attribution_and_a_number_after_an_abbreviation_continue_the_sentence():
    cases = [
        ("pt", "— Você vem? — perguntou ela. — Sim, vou.", ["— Você vem? — perguntou ela.", "— Sim, vou."]),
        ("ru", "— Ты придёшь? — спросила она. — Да.", ["— Ты придёшь? — спросила она.", "— Да."]),
        ("pl", "„Kiedy?” – zapytała. O godz. 10 rano.", ["„Kiedy?” – zapytała.", "O godz. 10 rano."]),
        ("en", "It was said by Mr Li. 2023 was a record year.", ["It was said by Mr Li.", "2023 was a record year."]),
        # A capitalised dash line and a number after an acronym still open sentences.
        (
            "en",
            "He left. - And then? It cost 5 USD. 10 people came.",
            ["He left.", "- And then?", "It cost 5 USD.", "10 people came."],
        ),
    ]
    for lang, text, expected in cases:
        assert [s.text for s in split_sentences(text, lang)] == expected, lang


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "El toque de queda empieza a las 10 p. m.", ["El toque de queda empieza a las 10 p. m."]),
        ("es", "Empieza a las 10 a. m., según dijo.", ["Empieza a las 10 a. m., según dijo."]),
        (
            "es",
            "Cierra a las 10 p. m. y abre a las 6 a. m. del lunes.",
            ["Cierra a las 10 p. m. y abre a las 6 a. m. del lunes."],
        ),
        (
            "es",
            "Empieza a las 10 p. m. Después llegó la policía.",
            ["Empieza a las 10 p. m.", "Después llegó la policía."],
        ),
        ("es", "La moneda data del año 300 d. C. y es de plata.", ["La moneda data del año 300 d. C. y es de plata."]),
        (
            "fr",
            "Il est né en 300 av. J.-C. à Rome. Il est mort.",
            ["Il est né en 300 av. J.-C. à Rome.", "Il est mort."],
        ),
    ],
)
def test_an_abbreviation_written_in_parts_ends_no_sentence(lang, text, expected):
    """pysbd split "10 p.| m." and "300 d.| C.", so the number check never saw the half of the day or the era."""
    assert [s.text for s in split_sentences(text, lang)] == expected


def test_scripts_and_numbers_split_where_sentences_end():
    """Faults of a walk through other scripts: the Arabic comma ended sentences, a full-width decimal point ended
    one ("３．" / "５ドル"), "？！" gave its "！" to the next sentence, and a number after an everyday word's full stop
    ("next year. 100,000 people") was read as an abbreviation's ("p. 298")."""
    cases = {
        ("قال الوزير، في مؤتمر صحفي، إن الاقتصاد سينمو. وأضاف أن البطالة ستنخفض.", "ar"): [
            "قال الوزير، في مؤتمر صحفي، إن الاقتصاد سينمو.",
            "وأضاف أن البطالة ستنخفض.",
        ],
        ("価格は３．５ドルです。次の文です。", "ja"): ["価格は３．５ドルです。", "次の文です。"],
        ("真的吗？！是的……我知道。", "zh"): ["真的吗？！", "是的……我知道。"],
        ("The economy will grow next year. 100,000 people attended.", "en"): [
            "The economy will grow next year.",
            "100,000 people attended.",
        ],
        ("הכלכלה תצמח בשנה הבאה. 100,000 איש השתתפו.", "he"): ["הכלכלה תצמח בשנה הבאה.", "100,000 איש השתתפו."],
        ("He came in 2020. 100 people met.", "en"): ["He came in 2020.", "100 people met."],
        ("O godz. 10 rano przyjechał.", "pl"): ["O godz. 10 rano przyjechał."],
        ("Ο κ. Παπαδόπουλος ήρθε. Μετά έφυγε.", "el"): ["Ο κ. Παπαδόπουλος ήρθε.", "Μετά έφυγε."],
        ("قال د. أحمد إن الوضع جيد. ثم غادر.", "ar"): ["قال د. أحمد إن الوضع جيد.", "ثم غادر."],
        # ... but a small letter that is a word ends its sentence, and a month after a day's number continues.
        ("Дверь открыл я. Он вошёл и сел.", "ru"): ["Дверь открыл я.", "Он вошёл и сел."],
        ("그는 왕. 나는 신하.", "ko"): ["그는 왕.", "나는 신하."],
        ("La séance du 12 sept. 2019 a eu lieu à Paris.", "fr"): ["La séance du 12 sept. 2019 a eu lieu à Paris."],
        ("Le refuge est à env. 3000 m. Il fait froid.", "fr"): ["Le refuge est à env. 3000 m.", "Il fait froid."],
    }
    for (text, lang), expected in cases.items():
        assert [s.text for s in split_sentences(text, lang)] == expected, text


def test_the_encoder_reads_arabic_and_hebrew_without_vowel_marks():
    """Fully vowelled Arabic read as unrelated to its own translation (mean bead score .05): the encoders learnt
    the scripts as they are mostly written. Offsets still point into the text as written."""
    from align.text.segment import normalise

    vowelled = "بَنَى المَلِكُ قَصْرًا جَمِيلًا قُرْبَ النَّهْرِ."
    assert normalise(vowelled) == "بنى الملك قصرا جميلا قرب النهر."
    assert normalise("בְּרֵאשִׁית בָּרָא") == "בראשית ברא"
    assert normalise("Café naïve ـــ") == "Café naïve"
    (sentence,) = split_sentences(vowelled, "ar")
    assert vowelled[sentence.start : sentence.end] == vowelled


def test_hard_wrapped_text_splits_at_sentences_not_at_line_ends():
    """Wire copy, e-mail and `fold` output end lines at a width: every line end ended a sentence ("The",
    "said on Wednesday.")."""
    paragraphs = [
        "Flooding in northern Italy has killed at least 14 people and forced more than 20,000 from their homes, "
        "officials said on Wednesday. The region received half its average annual rainfall in just 36 hours.",
        "Prime Minister Giorgia Meloni said she would leave the summit early to return to the affected areas. "
        "The government approved an emergency fund of 20 million euros.",
        "Insurance companies expect claims to run into the hundreds of millions, and farmers fear that the harvest "
        "of fruit and wheat in the lowlands has been lost for this year.",
    ]
    wrapped = "\n\n".join(textwrap.fill(p, width=60) for p in paragraphs) + "\n"
    sentences = split_sentences(wrapped, "en", detect_wrapping=True)
    assert len(split_sentences(wrapped, "en")) > 8  # extracted text (HTML, .docx) is one block a line: not read so
    assert [" ".join(s.text.split()) for s in sentences] == [
        "Flooding in northern Italy has killed at least 14 people and forced more than 20,000 from their homes, "
        "officials said on Wednesday.",
        "The region received half its average annual rainfall in just 36 hours.",
        "Prime Minister Giorgia Meloni said she would leave the summit early to return to the affected areas.",
        "The government approved an emergency fund of 20 million euros.",
        "Insurance companies expect claims to run into the hundreds of millions, and farmers fear that the harvest "
        "of fruit and wheat in the lowlands has been lost for this year.",
    ]
    assert all(" ".join(wrapped[s.start : s.end].split()) == s.text for s in sentences)
    # Short lines that each end a sentence, or a heading above its paragraph, are lines as written.
    lines = "Yes, it rained.\nThe river rose.\nSchools closed early today.\nRoads were shut.\n"
    assert [s.text for s in split_sentences(lines, "en", True)] == [line for line in lines.splitlines()]
    # Verse, lists and headlines open their lines with capitals: no wrapping, whatever their lengths.
    verse = "\n".join(["Puedo escribir los versos más tristes esta noche", "Escribir, por ejemplo: la noche está"] * 4)
    assert len(split_sentences(verse, "es", True)) == 8
    # Chinese wrapped at 20 characters: its lines join with no space.
    first_sentence = "为了应对日益增长的经济下行压力，政府宣布将投入数万亿元用于基础设施建设。"
    chinese = (first_sentence + "专家表示，这一举措有助于稳定。") * 4
    wrapped_chinese = "\n".join(textwrap.wrap(chinese, 20)) + "\n"
    first = split_sentences(wrapped_chinese, "zh", True)[0]
    assert first.text == first_sentence


def test_thai_sentences_end_at_spaces_the_model_reads_as_ends_not_at_abbreviations():
    """Thai writes no full stop at a sentence's end, only a space, and spaces inside sentences too; a punctuation
    rule left a paragraph one sentence. A full stop is an abbreviation's ("มี.ค.", March)."""
    text = (
        "กรุงเทพฯ 12 มี.ค. - ธนาคารแห่งประเทศไทยคงอัตราดอกเบี้ยนโยบายไว้ที่ร้อยละ 2.5 ต่อปี "
        "อัตราเงินเฟ้อยังอยู่ในระดับต่ำ การท่องเที่ยวฟื้นตัวอย่างชัดเจน การส่งออกยังคงชะลอตัว"
    )
    sentences = [s.text for s in split_sentences(text, "th")]
    assert sentences[0].startswith("กรุงเทพฯ 12 มี.ค. - ธนาคารแห่งประเทศไทย")
    assert sentences[1:] == ["อัตราเงินเฟ้อยังอยู่ในระดับต่ำ", "การท่องเที่ยวฟื้นตัวอย่างชัดเจน", "การส่งออกยังคงชะลอตัว"]


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("es", "I. La llegada"), ("fr", "XII. Le retour"), ("en", "Chapter IV. The Return"), ("de", "IV. Die Rückkehr")],
)
def test_a_heading_keeps_its_number(lang, heading):
    """pysbd ends a sentence at a Roman numeral's full stop; a book's chapter title was two sentences."""
    assert [(s.start, s.end) for s in split_sentences(heading, lang)] == [(0, len(heading))]


def test_a_regnal_number_inside_a_paragraph_still_ends_its_sentence():
    text = "We met Louis XIV. The king was kind."
    assert [text[s.start : s.end] for s in split_sentences(text, "en")] == ["We met Louis XIV.", "The king was kind."]
