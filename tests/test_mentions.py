from archive.mentions import Form, Linker, Rule

ALTMAN, ILYA, OPENAI, X = 1, 2, 3, 4  # primary keys of entities
DARIO, DANIELA = 5, 6
LINKER = Linker(
    [
        Form("Sam Altman", ALTMAN),
        Form("Altman", ALTMAN),
        Form("奥特曼", ALTMAN),
        Form("OpenAI", OPENAI),
        Form("Ilya Sutskever", ILYA),
        Form("Ilya", ILYA, ambiguous=True),
        Form("X", X, ambiguous=True, rule=Rule(before=("在",), after=("上",))),
        Form("Dario Amodei", DARIO),
        Form("Amodei", DARIO, ambiguous=True),
        Form("Amodei", DANIELA, ambiguous=True),
        Form("Daniela", DANIELA, ambiguous=True, rule=Rule(with_entities=(DARIO,))),
    ]
)


def linked(text: str) -> list[tuple[str, tuple]]:
    return [(text[f.start : f.end], f.entity) for f in LINKER.find(text)]


def test_longest_match_wins():
    assert linked("Sam Altman说") == [("Sam Altman", ALTMAN)]


def test_chinese_characters_are_word_boundaries():
    assert linked("OpenAI联合创始人") == [("OpenAI", OPENAI)]


def test_letters_are_not_word_boundaries():
    assert linked("Xavier and OpenAIs") == []


def test_chinese_alias_links_to_the_same_person():
    assert linked("奥特曼表示") == [("奥特曼", ALTMAN)]


def test_ambiguous_first_name_needs_an_unambiguous_mention():
    assert linked("Ilya离职了") == []


def test_ambiguous_first_name_links_after_the_full_name():
    assert linked("Ilya Sutskever离职后，Ilya创办了公司") == [
        ("Ilya Sutskever", ILYA),
        ("Ilya", ILYA),
    ]


def test_ambiguous_acronym_links_by_its_context_rule():
    assert linked("他在X上写道") == [("X", X)]


def test_ambiguous_acronym_without_its_context_is_not_linked():
    assert linked("型号X很快") == []


def test_acronyms_are_case_sensitive():
    assert linked("在x上写道") == []


def test_names_match_only_in_their_own_case():
    assert linked("meta-learning and the openai of the story") == []


def test_surname_shared_by_two_people_links_the_one_the_article_names():
    assert linked("Dario Amodei创办了公司。Amodei表示") == [
        ("Dario Amodei", DARIO),
        ("Amodei", DARIO),
    ]


def test_rule_with_another_entity_links_a_first_name():
    assert linked("Dario Amodei和Daniela一起离职") == [
        ("Dario Amodei", DARIO),
        ("Daniela", DANIELA),
    ]


def test_offsets_are_code_points_after_emoji():
    assert LINKER.find("😀𠀀OpenAI")[0].start == 2


def test_not_after_words_stop_even_an_unambiguous_name():
    linker = Linker([Form("Meta", OPENAI, rule=Rule(not_after=("分析",)))])
    assert linker.find("Meta分析显示") == []


def test_rule_not_after_overrides_its_after_word():
    linker = Linker([Form("X", X, ambiguous=True, rule=Rule(after=("上",), not_after=("上市",)))])
    assert linker.find("X上市") == []


def test_ambiguous_name_before_a_capitalised_word_is_someone_elses():
    assert linked("Ilya Sutskever与Ilya Prigogine") == [("Ilya Sutskever", ILYA)]


def test_ambiguous_name_before_an_all_capital_word_still_links():
    assert linked("Ilya Sutskever说，Ilya CEO") == [("Ilya Sutskever", ILYA), ("Ilya", ILYA)]


def test_shorter_match_is_kept_where_the_longer_breaks_a_word():
    assert linked("Sam Altmanx与OpenAI") == [("OpenAI", OPENAI)]


def test_digits_after_a_name_are_a_boundary():
    assert linked("OpenAI2024年") == [("OpenAI", OPENAI)]


def test_digits_after_a_one_letter_form_are_not_a_boundary():
    assert linked("在X2上") == []
