"""archive.recognition: people and organisations in any article, one rule per test."""

import subprocess
import sys

from django.conf import settings

from archive.recognition import Recognised, recognise


def _names(text, **kwargs):
    return [(r.surface, r.kind) for r in recognise(text, **kwargs)]


def test_a_result_carries_offsets_kind_surface_and_score():
    (found,) = recognise("Thanks to Jim Dowling for reading a draft.")
    assert (found.start, found.end, found.kind, found.surface, found.source) == (
        10,
        21,
        "person",
        "Jim Dowling",
        "latin",
    )
    assert isinstance(found, Recognised) and 0 < found.score <= 1


def test_two_capitalised_words_are_a_person():
    assert _names("We met Greg Young at the conference.") == [("Greg Young", "person")]


def test_a_possessive_is_stripped():
    assert _names("I read Neil Barnwell's primer.") == [("Neil Barnwell", "person")]


def test_a_word_after_the_possessive_is_not_part_of_the_name():
    assert ("Neil Barnwell's CQRS", "person") not in _names("Neil Barnwell's CQRS primer")


def test_a_name_with_a_model_number_is_a_product():
    assert _names("We rent time on Nvidia H100 machines.") == []


def test_a_product_word_makes_a_product():
    assert _names("Everything runs on Google Cloud these days.") == []


def test_an_organisation_word_makes_an_organisation():
    assert _names("She joined Lambda Labs last year.") == [("Lambda Labs", "organisation")]


def test_of_joins_an_organisations_words():
    assert _names("He studied at the University of Washington.") == [
        ("University of Washington", "organisation")
    ]


def test_a_person_of_an_organisation_is_two_names():
    assert _names("said Mohammed AlQuraishi of Columbia University today") == [
        ("Mohammed AlQuraishi", "person"),
        ("Columbia University", "organisation"),
    ]


def test_a_camelcase_word_is_an_organisation():
    assert _names("The code is on GitHub now.") == [("GitHub", "organisation")]


def test_a_common_word_starting_a_sentence_is_no_name():
    assert _names("Shares rose. Thanks for reading.") == []


def test_a_word_starting_a_sentence_is_a_name_when_it_recurs_inside_one():
    text = "Stardog is a graph database. We used Stardog for years."
    assert _names(text) == [("Stardog", "organisation"), ("Stardog", "organisation")]


def test_a_surname_after_the_full_name_is_the_person():
    text = "David Baker won. Later, Baker spoke."
    assert _names(text) == [("David Baker", "person"), ("Baker", "person")]


def test_a_sentence_word_splits_a_title_from_a_name():
    assert _names("据悉 OpenAI CEO Sam Altman 表示") == [
        ("OpenAI", "organisation"),
        ("Sam Altman", "person"),
    ]


def test_a_title_with_the_mid_sentence_is_a_publication():
    assert _names("据The Information报道，") == [("The Information", "organisation")]


def test_a_dateline_is_no_name():
    assert _names("SAN FRANCISCO — Shares of CoreWeave rose.") == [("CoreWeave", "organisation")]


def test_meta_block_is_no_name():
    assert _names("我把摘要写进 Meta Block 里。") == []


def test_nothing_is_found_inside_an_address():
    assert _names("代码见 github.com/NVIDIA/cutlass 仓库") == []


def test_nothing_is_found_inside_inline_code():
    assert _names("Call `Anthropic()` to start.") == []


def test_nothing_is_found_inside_given_masked_spans():
    text = "Ask Jim Dowling now."
    assert _names(text, masked_spans=[(4, 15)]) == []


def test_katakana_names_with_a_middle_dot_are_people():
    assert ("サム・アルトマン", "person") in _names("サム・アルトマン氏が来日した。")


def test_a_kanji_name_before_an_honorific_is_a_person():
    assert ("西川徹", "person") in _names("代表取締役の西川徹氏は述べた。")


def test_a_japanese_university_is_an_organisation():
    assert ("東京大学", "organisation") in _names("東京大学の研究室を訪ねた。")


def test_chinese_people_and_organisations_come_from_the_model():
    names = _names("清华大学的张伟教授介绍了新模型。")
    assert ("清华大学", "organisation") in names and ("张伟", "person") in names


def test_a_university_department_names_the_university():
    assert ("厦门大学", "organisation") in _names("厦门大学信息学院的团队发布了数据集。")


def test_an_organisation_before_a_title_is_found():
    assert ("快手", "organisation") in _names("。快手副总裁张迪介绍，新模型明显提升。")


def test_a_name_found_once_is_found_where_it_recurs():
    text = "清华大学发布了报告。会上，清华大学还宣布了新计划。"
    spans = [(r.start, r.end) for r in recognise(text) if r.surface == "清华大学"]
    assert spans == [(0, 4), (13, 17)]


def test_a_byline_author_is_a_person_and_the_source_an_organisation():
    names = _names("来源：机器之心  作者：周可心\n\n正文。")
    assert names[:2] == [("机器之心", "organisation"), ("周可心", "person")]


def test_a_text_without_chinese_never_loads_the_model():
    probe = (
        "import sys, django; django.setup()\n"
        "from archive.recognition import recognise\n"
        "recognise('Greg Young wrote about Stardog.')\n"
        "print('onnxruntime' in sys.modules)"
    )
    assert _run(probe) == "False"


def test_importing_the_app_loads_no_model():
    probe = (
        "import sys, django; django.setup()\n"
        "import config.urls, archive.admin, archive.tasks, archive.recognition\n"
        "print('onnxruntime' in sys.modules or 'numpy' in sys.modules)"
    )
    assert _run(probe) == "False"


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()
