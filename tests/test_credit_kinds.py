"""archive.credit_kinds.decide_kind: is a byline name a person or an organisation?"""

from archive.credit_kinds import decide_kind


def test_an_author_is_a_person():
    assert decide_kind(name="周可心", role="author") == "person"


def test_a_source_is_an_organisation():
    assert decide_kind(name="产业象限", role="source") == "organisation"


def test_a_chinese_role_label_counts_as_its_role():
    assert decide_kind(name="产业象限", role="来源") == "organisation"


def test_a_producer_is_an_organisation():
    assert decide_kind(name="腾讯科技", role="出品") == "organisation"


def test_a_publisher_is_an_organisation():
    assert decide_kind(name="Acme", role="publisher") == "organisation"


def test_a_camelcase_publication_as_author_is_an_organisation():
    assert decide_kind(name="ScienceAI", role="author") == "organisation"


def test_a_lab_signing_as_author_is_an_organisation():
    assert decide_kind(name="ByteAILab", role="author") == "organisation"


def test_a_long_acronym_as_author_is_an_organisation():
    assert decide_kind(name="GPTNB", role="author") == "organisation"


def test_initials_as_author_stay_a_person():
    assert decide_kind(name="KX", role="editor") == "person"


def test_a_chinese_name_ending_in_a_publication_word_is_an_organisation():
    assert decide_kind(name="半导体行业观察", role="作者") == "organisation"


def test_a_chinese_name_longer_than_a_persons_is_an_organisation():
    assert decide_kind(name="机器之心", role="author") == "organisation"


def test_a_three_character_name_without_a_surname_is_an_organisation():
    assert decide_kind(name="量子位", role="author") == "organisation"


def test_a_recognised_person_keeps_a_name_without_a_surname_a_person():
    assert decide_kind(name="量子位", role="author", recognised_kind="person") == "person"


def test_a_pen_name_of_two_characters_stays_a_person():
    assert decide_kind(name="山茶", role="author") == "person"


def test_a_name_mixing_scripts_is_an_organisation():
    assert decide_kind(name="AI前线", role="author") == "organisation"


def test_the_recogniser_saying_organisation_turns_an_author():
    assert decide_kind(name="Stardog", role="author", recognised_kind="organisation") == (
        "organisation"
    )


def test_the_registry_wins_over_the_shape():
    assert decide_kind(name="ScienceAI", role="author", registry_kind="person") == "person"


def test_the_registry_wins_over_the_role():
    assert decide_kind(name="张三", role="source", registry_kind="person") == "person"


def test_a_latin_full_name_as_author_is_a_person():
    assert decide_kind(name="Maya Lindqvist", role="by") == "person"
