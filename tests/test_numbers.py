import pytest

from align.detectors.numbers import find_numbers


@pytest.mark.parametrize(
    ("original", "lang", "english"),
    [
        ("3,2 %", "es", "3.2%"),
        ("73.000 soldados", "es", "73,000 soldiers"),
        ("su 27ª reunión", "es", "its 27th meeting"),
        ("2 millones de soldados", "es", "2 million soldiers"),
        ("1.250.000 euros", "es", "1,250,000 euros"),
        ("欧洲有7.3万名军人", "zh", "73,000 soldiers"),
        ("耗资2.5亿欧元", "zh", "250 million euros"),
        ("第27次会议", "zh", "the 27th meeting"),
        ("7万人が参加した", "ja", "70,000 people took part"),
        ("五十个国家", "zh", "50 countries"),
        ("三百零五名士兵，七万三千人", "zh", "305 soldiers, 73,000 people"),
        ("第二十七次会议", "zh", "the 27th meeting"),
        ("耗资2亿5千万欧元", "zh", "250 million euros"),
        ("유럽에는 7만 명의 군인이 있다", "ko", "Europe has 70,000 soldiers"),
        ("예산은 2억 5천만 원이다", "ko", "the budget is 250 million won"),
        ("增长３．２％，共２０２５人", "zh", "up 3.2%, 2025 people in all"),
        ("第1，2条", "zh", "articles 1 and 2"),
        ("la guerra de 1521-1526", "es", "the war of 1521 – 26"),
        ("Circa 40 mila persone", "it", "Some 40,000 people"),
        ("15 тыс. человек, 40 тысяч рублей", "ru", "15,000 people, 40,000 rubles"),
        ("40 Tausend Menschen, 15 Tsd. Euro", "de", "40,000 people, 15,000 euros"),
        ("2,2 трлн рублей", "ru", "2.2 trillion rubles"),
        ("3 تريليون دولار", "ar", "3 trillion dollars"),
        ("entre 1939 y 1945", "es", "in 1939-45"),
        ("una manovra da 18 miliardi di euro", "it", "an 18-billion-euro budget"),
        ("un plan de 10 milliards d'euros", "fr", "a $10-billion plan"),
        ("国の借金は1300兆円を超えた", "ja", "debt exceeded 1,300 trillion yen"),
        # Clock times and numbers said in words (session 28).
        ("um halb zehn", "de", "at 9:30"),
        ("um halb zehn", "de", "at half past nine"),
        ("à 4 heures et demie", "fr", "at 4:30"),
        ("a las nueve y media", "es", "at 9:30"),
        ("a las 10 p. m.", "es", "at 10 p.m."),
        ("hace cinco años", "es", "5 years ago"),
        ("à vingt-deux heures trente", "fr", "at 10:30 p.m."),
        ("明天上午九点半举行", "zh", "tomorrow at 9:30 a.m."),
        ("上午十点半举行", "zh", "at 10:30 a.m."),
        ("晚上十一点半", "zh", "at 11:30 p.m."),
        ("à deux heures et demie", "fr", "at 2:30"),
        ("a las diez menos cuarto", "es", "at 9:45"),
        ("alle otto e un quarto", "it", "at 8:15"),
        ("om kwart voor elf", "nl", "at 10:45"),
        ("at ten past nine", "en", "at 9:10"),
        ("at quarter to eight", "en", "at 7:45"),
        ("in the fourth quarter to 5 percent", "en", "5 percent"),  # no clock
        ("Vers 10 heures quinze manifestants", "fr", "At 10, 15 protesters"),  # fifteen people, not 10:15
    ],
)
def test_same_value_across_locales(original, lang, english):
    assert [m.value for m in find_numbers(original, lang)] == [m.value for m in find_numbers(english, "en")]


@pytest.mark.parametrize(
    ("text", "lang", "other", "other_lang"),
    [
        ("um 20.30 Uhr", "de", "à 20 h. 30", "fr"),
        ("à 20h30", "fr", "at 8:30 p.m.", "en"),
        ("a las 20.00 horas", "es", "at 8 pm", "en"),
        ("Juan 3,16", "es", "John 3:16", "en"),
        ("etwa 1 ½ m tief", "de", "profonde de 1,50 m", "fr"),
        ("nur um 3 mm", "de", "de 3 millimètres", "fr"),
        ("von 50 Meilen", "de", "de 50 milles", "fr"),
        ("Aufstieg in 1 Std. 30 Min.", "de", "montée en 1 h 30", "fr"),
        ("a climb of 3 hours 5 minutes", "en", "una subida de 3 h 05", "es"),
        ("Telefon 031/433611", "de", "téléphone 031/43 36 11", "fr"),
        ("在五十年代的上海街头", "zh", "in the streets of Shanghai in the 1950s", "en"),
        ("90年代初", "zh", "in the early 1990s", "en"),
        ("一九三九年古历八月初九", "zh", "the ninth day of the eighth lunar month, 1939", "en"),
        ("二〇一九年", "zh", "in 2019", "en"),
        ("voru jarðarbúar 2,5 milljarður", "is", "2.5 billion people lived", "en"),
        ("3 Billionen Euro", "de", "3 trillion euros", "en"),
        ("4 miliardy złotych", "pl", "4 billion zloty", "en"),
        ("5 млн рублей", "ru", "5 million roubles", "en"),
        ("ستنفق 5 مليارات دولار", "ar", "will spend $5 billion", "en"),
        ("2 करोड़ रुपये", "hi", "20 million rupees", "en"),
        ("um 19.27 Uhr unterbrochen", "de", "suspended at 7.27 p.m.", "en"),
        ("investierte 13 Milliarden Dollar", "de", "invested $13bn", "en"),
        ("eine Fläche von 2,64 ha", "de", "an area of 2,64 ha", "en"),
        ("±1100千伏特高压", "zh", "±1100 kV UHV", "en"),
        ("当日15时30分", "zh", "at 15:30 that day", "en"),
        ("每8小时20分钟", "zh", "every 8 hours and 20 minutes", "en"),
        ("销量为11万7015辆", "zh", "sales of 117,015 vehicles", "en"),
        ("持有8218.35万股", "zh", "held 82.1835 million shares", "en"),
        ("ein Überschuss von 100 Millionen Pfund", "de", "a £100m surplus", "en"),
        ("一个多月后的8月15日", "zh", "more than a month later, on August 15", "en"),
        ("am 15.08.2019 in Bern", "de", "in Bern on 15 August 2019", "en"),
        ("el 5 de mayo de 2020", "es", "on May 5, 2020", "en"),
        ("comme il le a dit dans les années 60", "fr", "as he said back in the 1960s", "en"),
        ("in den 60er-Jahren", "de", "in the '60s", "en"),
        ("averi de 500 de milioane", "ro", "fortunes of 500 million", "en"),
    ],
)
def test_times_fractions_and_units_across_languages(text, lang, other, other_lang):
    assert [m.value for m in find_numbers(text, lang)] == [m.value for m in find_numbers(other, other_lang)]


@pytest.mark.parametrize(
    ("original", "lang"),
    [("会見は午後3時半から始まった", "ja"), ("发布会于下午3点半开始", "zh"), ("下午3时30分开始", "zh")],
)
def test_a_half_hour_in_chinese_and_japanese_is_thirty_minutes(original, lang):
    mentions, english = find_numbers(original, lang), find_numbers("it began at 3:30 p.m.", "en")
    assert len(mentions) == 1 and mentions[0].same_value(english[0])


def test_a_time_on_twelve_hours_also_reads_as_written():
    # "晚上11时" (11 in the evening) says 11; "11 p.m." is 23 and 11.
    chinese, english = find_numbers("上午9时至晚上11时", "zh"), find_numbers("from 9 a.m. to 11 p.m.", "en")
    assert all(a.same_value(b) for a, b in zip(chinese, english, strict=True))
    assert find_numbers("um 23 Uhr", "de")[0].same_value(english[1])
    assert not find_numbers("um 13 Uhr", "de")[0].same_value(english[1])


def test_figures_copied_as_they_are_are_the_same_number():
    # A French text that keeps the English thousands comma: read the French way it would be 98.355.
    assert find_numbers("$ 98,355", "en")[0].same_value(find_numbers("$ 98,355", "fr")[0])
    assert not find_numbers("3 mil", "es")[0].same_value(find_numbers("3 millones", "es")[0])


def test_a_distance_and_the_modal_may_are_not_millions_or_months():
    assert [m.value for m in find_numbers("the 100m sprint", "en")] == [100]
    assert [m.value for m in find_numbers("You may 5 times", "en")] == [5]


def test_different_values_differ():
    assert find_numbers("73.000", "es")[0].value != find_numbers("7,300", "en")[0].value


def test_mentions_keep_offsets():
    text = "Hay unos 2 millones de soldados y 50 países."
    mentions = find_numbers(text, "es")
    assert [text[m.start : m.end] for m in mentions] == ["2 millones", "50"]


def test_numbers_inside_latin_words_are_not_numbers():
    assert find_numbers("el A320 y la COVID19", "es") == []


def test_han_numerals_need_a_unit_or_counter_and_skip_idioms():
    # A lone digit before a counter counts ("三个", "两名", "五人死亡": three, two, five dead); "千万" (by all means),
    # "万一" (in case), "三心二意" (in two minds) and "十分" (very) are words.
    assert [m.value for m in find_numbers("三个人和两名士兵，五人死亡", "zh")] == [3, 2, 5]
    assert find_numbers("千万不要去，万一下雨，他三心二意，十分犹豫", "zh") == []
    # Not an ordinal, nor a group a name opens (Li and three others); half after a counter.
    assert find_numbers("全球第二个机场，李力世等四人", "zh") == []
    assert [m.value for m in find_numbers("飞行了两个半小时", "zh")] == [2.5]
    # A digit inside a longer word is none: a weekday, a place, a name, a compound.
    assert find_numbers("周六人流量大，本周五起，四川三台县，十项全能，五人制", "zh") == []
    assert find_numbers("警方在王二家中搜出假钞", "zh") == []
    # Tenths: "两成" is 20% where the segmenter makes it one word ("三成员" is three members).
    assert [(m.value, m.percent) for m in find_numbers("营收增长了两成，七成以上的受访者", "zh")] == [
        (20, True),
        (70, True),
    ]
    assert find_numbers("三成员", "zh") == []
    # A count read after a counter is a word ("two"): a difference needs the word aligner's link.
    assert all(m.spelled for m in find_numbers("两人死亡", "zh"))


def test_a_two_digit_number_after_a_year_is_a_year_only_in_a_range():
    assert [m.value for m in find_numbers("between 1998 and 99 people", "en")] == [1998, 99]
    assert [m.value for m in find_numbers("on 2021-03-15", "en")] == [2021, 3, 15]  # a date, not a range


def test_separators_of_other_scripts_and_locales():
    """Arabic/Persian separators (٫ ٬), Swiss apostrophes, Indian lakhs and the full-width comma between thousands
    were read as two numbers each: "٣٫٢" as 3 and 2, "100’000" as 100 and 000, "1,00,000" as 1.00."""
    cases = {
        ("٣٫٢٪ و ١٬٠٠٠ و ١٠٠٬٠٠٠", "ar"): [3.2, 1000, 100000],
        ("۳٫۲ و ۱۰۰٬۰۰۰", "fa"): [3.2, 100000],
        ("1'500 und 100’000 Franken", "de"): [1500, 100000],
        ("1,00,000 लोग और १०,००,०००", "hi"): [100000, 1000000],
        ("３２，０００人、第1，2条", "ja"): [32000, 1, 2],
    }
    for (text, lang), values in cases.items():
        assert [m.value for m in find_numbers(text, lang)] == values, text
    assert find_numbers("٣٫٢٪", "ar")[0].percent
    assert [m.value for m in find_numbers("the 90's and 1,000", "en")] == [90, 1000]


def test_chinese_decimals_with_a_decimal_point_word():
    """百分之三点五 (3.5%) and 五点三公里 (5.3 km) were not read at all, so a changed value passed; 三点五十分 is a
    time (3:50), not 3.5."""
    found = [(m.value, m.percent) for m in find_numbers("增长了百分之三点五，跑了五点三公里", "zh")]
    assert found == [(3.5, True), (5.3, False)]
    assert 3.5 not in [m.value for m in find_numbers("他三点五十分到", "zh")]
    assert [m.value for m in find_numbers("三点五万人，十二点五亿元", "zh")] == [35000, 1.25e9]
    assert find_numbers("他一点一滴地积累经验，过着两点一线的生活。", "zh") == []  # idioms


def test_a_list_with_full_width_commas_is_several_numbers():
    assert [m.value for m in find_numbers("分别为100，200，300人。", "zh")] == [100, 200, 300]


@pytest.mark.parametrize(
    ("original", "lang", "translation", "differing"),
    [
        ("La ministra lo presentó en marzo.", "es", "The minister presented it in May.", [("marzo", "May")]),
        ("La ministra lo presentó en marzo.", "es", "The minister presented it in March.", []),
        ("am 5. September in Bern", "de", "in Bern on 5 November", [("September", "November")]),
        ("dijo Theresa May en marzo", "es", "Theresa May said in March", []),  # a name, and a month each names
        ("am 11. September", "de", "on 11 November", [("September", "November")]),  # the day stays a day
        ("el 3 de marzo", "es", "on 3 May", [("marzo", "May")]),
        ("Julio Iglesias cantó en Madrid.", "es", "Julio Iglesias sang in Madrid in May.", []),  # a name
        ("Theresa May dimitió en junio.", "es", "Theresa May resigned in July.", [("junio", "July")]),
        ("La sonde Mars Express est arrivée en juin.", "fr", "The Mars Express probe arrived in June.", []),
        ("el plan de enero", "es", "the plan", []),  # a month one side leaves out says nothing
        ("一个多月后的8月15日", "zh", "more than a month later, on August 15", []),
    ],
)
def test_months_named_on_both_sides_are_compared(original, lang, translation, differing):
    from align.detectors.number_mismatch import pair_numbers

    source, target = find_numbers(original, lang), find_numbers(translation, "en")
    pairs, _, _ = pair_numbers(source, target, len(original), len(translation))
    assert [(a.text, b.text) for a, b in pairs] == differing


@pytest.mark.parametrize(
    ("original", "lang", "same", "other"),
    [
        ("a las 8 de la tarde", "es", "at 8 p.m.", "at 8 a.m."),
        ("à 6 heures du matin", "fr", "at 6 a.m.", "at 6 p.m."),
        ("ab 10 Uhr abends", "de", "from 10 p.m.", "from 10 a.m."),
        ("晚上8点", "zh", "at 8 p.m.", "at 8 a.m."),
        ("午後3時", "ja", "at 3 p.m.", "at 3 a.m."),
        ("a las 11 de la noche", "es", "at 11 p.m.", "at 11 a.m."),
    ],
)
def test_a_clock_time_whose_half_of_the_day_is_said_compares_on_24_hours(original, lang, same, other):
    """'8 de la tarde' / '8 a.m.' passed: both read 8 (bench/faithful_flags.py --defects)."""
    (mention,) = find_numbers(original, lang)
    assert mention.same_value(find_numbers(same, "en")[0])
    assert not mention.same_value(find_numbers(other, "en")[0])
    assert mention.same_value(find_numbers("at 8", "en")[0]) is (mention.twelve_hour == 8)


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [
        ("Murieron cinco personas", "es", [5]),
        ("Cinco personas murieron", "es", [5]),  # capitalised at the start of the sentence
        ("treinta y cinco años", "es", [35]),
        ("dos millones de euros", "es", [2_000_000]),
        ("tres mil millones", "es", [3_000_000_000]),
        ("doscientos cincuenta mil", "es", [250_000]),
        ("twenty-five", "en", [25]),
        ("two hundred and fifty", "en", [250]),
        ("a hundred and fifty metres", "en", [150]),
        ("thirty-six thousand, five hundred and one", "en", [36_501]),
        ("a three-year-old boy", "en", [3]),
        ("the sixty-thousand-ton ship", "en", [60_000]),
        ("fünfundzwanzig Menschen", "de", [25]),
        ("vijfentwintig", "nl", [25]),
        ("venticinque anni, ventotto, ventitré", "it", [25, 28, 23]),
        ("quatre-vingt-dix-sept", "fr", [97]),
        ("soixante-douze", "fr", [72]),
        ("vingt et un", "fr", [21]),
        ("deux cents", "fr", [200]),
        ("cinco por ciento", "es", [5]),
        ("dos millones y medio de visitantes", "es", [2_500_000]),
        ("mil e quinhentos médicos", "pt", [1_500]),
        ("drieëntwintig miljoen euro", "nl", [23_000_000]),
        ("soixante et onze ans", "fr", [71]),
        ("ventisei anni", "it", [26]),
        ("cinquante cents", "fr", [50]),  # money, not 5,000
        ("five and a half hours", "en", [5.5]),
        ("dos años y medio", "es", [2.5]),
        ("deux heures et demie de vol", "fr", [2.5]),  # a duration: no clock cue before it
        ("medio millón de turistas", "es", [500_000]),
        ("half a million tourists", "en", [500_000]),  # not "a million"
        ("eine halbe Million", "de", [500_000]),
        ("two dozen eggs", "en", [24]),
        ("una docena de huevos", "es", [12]),
        ("half a dozen", "en", [6]),
        ("una docena y media de huevos", "es", [18]),
        ("Medio millón y media docena", "es", [500_000, 6]),
        ("A million and half a dozen houses", "en", [1_000_000, 6]),
        ("Two and a half million copies", "en", [2_500_000]),  # the half before the multiplier
        ("one and a half billion dollars", "en", [1_500_000_000]),
        ("four and a half thousand people waited two and a half hours", "en", [4_500, 2.5]),
        # Not numbers: "one" and its articles, ordinals, a name, a decimal said in words, two numbers side by side.
        ("one of them said a word", "en", []),
        ("un hombre y una mujer", "es", []),
        ("my twenty-first birthday", "en", []),
        ("la vingt-deuxième édition", "fr", []),
        ("Gestern kam Otto Schmidt", "de", []),
        ("one point five kilometres", "en", []),
        ("dos y tres", "es", []),
        ("hundreds of people", "en", [100]),  # an approximate quantity (magnitudes.py), compared by its order
        ("vingt-et-unième siècle", "fr", []),
        ("Two-thirds of voters", "en", []),  # a fraction
        ("One in five children, nine out of ten", "en", []),  # ratios, another text's percentages
        ("Tres de cada diez", "es", []),
        ("il 5 per cento", "it", []),  # "cento" is the percent of the 5
        ("dos tercios de los votantes", "es", []),  # fractions, not counts
        ("trois quarts des électeurs", "fr", []),
        ("zwei Drittel der Wähler", "de", []),
        ("three quarters of them", "en", []),
        ("dozens of people", "en", [10]),  # approximate, as "hundreds"
        ("la media de edad", "es", []),
    ],
)
def test_numbers_written_in_words(text, lang, values):
    assert [m.value for m in find_numbers(text, lang) if m.spelled] == values


def test_han_numerals_with_a_measure_word_and_an_approximation():
    assert [m.value for m in find_numbers("五十两本钱", "zh")] == [50]  # 两: taels, not 52
    assert [m.value for m in find_numbers("一万两千人", "zh")] == [12_000]
    assert [m.value for m in find_numbers("一百多亿年前", "zh")] == [1e10]  # over ten billion
    assert [m.value for m in find_numbers("停产三个月，判处八年", "zh")] == [3, 8]  # a lone digit before a unit
    assert not find_numbers("三心二意，七月，十分重要", "zh")  # words; 七月 is July, 十分 "very"


def test_thai_multipliers_written_against_the_next_word():
    """ "35 ล้านคน" (35 million people) read as 35 was a wrong number against "35 million"."""
    assert [m.value for m in find_numbers("นักท่องเที่ยว 35 ล้านคน และ 2.5แสนบาท", "th")] == [35e6, 2.5e5]
