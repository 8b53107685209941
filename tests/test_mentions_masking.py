"""The mention linker links nothing inside addresses, e-mail, file names or given masks."""

from archive.mentions import Form, Linker

NVIDIA, OPENAI = ("organisation", 1), ("organisation", 2)
LINKER = Linker([Form("NVIDIA", NVIDIA), Form("OpenAI", OPENAI)])


def _linked(text, **kwargs):
    return [text[f.start : f.end] for f in LINKER.find(text, **kwargs)]


def test_a_name_inside_a_repository_address_is_not_linked():
    assert _linked("基准见 github.com/NVIDIA/cutlass ，NVIDIA 也认可") == ["NVIDIA"]


def test_a_name_inside_a_web_address_is_not_linked():
    assert _linked("见 https://openai.com/OpenAI/blog") == []


def test_a_name_inside_an_email_address_is_not_linked():
    assert _linked("write to press@OpenAI.com") == []


def test_a_name_inside_a_file_name_is_not_linked():
    assert _linked("图见 OpenAI-logo.png") == []


def test_given_masked_spans_replace_the_texts_own():
    assert _linked("call OpenAI() now", masked=[(5, 13)]) == []


def test_an_empty_mask_links_everywhere():
    assert _linked("github.com/NVIDIA/x", masked=[]) == ["NVIDIA"]
