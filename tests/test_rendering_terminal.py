"""Terminal sessions pasted without fences are shown as code (terminal)."""

from archive.rendering import render
from archive.terminal import fence_terminal_sessions

COMMENTED = (
    "# update the index\nsudo apt-get update\n# install nginx\nsudo apt-get install -y nginx\n"
    "# enable it\nsudo systemctl enable --now nginx"
)


def test_comments_between_commands_are_not_headings():
    assert "<h1>" not in render(COMMENTED)


def test_commands_with_comments_are_one_code_block():
    html = render(COMMENTED)
    assert html.startswith('<pre><code class="language-sh">') and html.count("<pre>") == 1


def test_prompt_session_with_output_is_console_code():
    html = render("$ python --version\nPython 3.12.1\n\nThat is all.")
    assert html.startswith('<pre><code class="language-console">') and "Python 3.12.1" in html


def test_session_split_by_blank_lines_is_one_block():
    text = "# step 1\nsudo apt update\n\n# step 2\nsudo apt install nginx\n\nDone."
    assert render(text).count("<pre>") == 1


def test_prompt_line_under_a_sentence_is_fenced_alone():
    html = render("Run this:\n$ make install\nIt builds every part of the project for you.")
    assert html.count("<pre>") == 1 and "<p>It builds every part" in html


def test_heading_above_a_sentence_stays_a_heading():
    assert fence_terminal_sessions("# Introduction\nSome text here.") == (
        "# Introduction\nSome text here."
    )


def test_one_bare_command_is_not_enough():
    assert fence_terminal_sessions("# 安装\npip install glossa") == "# 安装\npip install glossa"


def test_dollar_amount_is_not_a_prompt():
    assert fence_terminal_sessions("It costs\n$ 5 a month.") == "It costs\n$ 5 a month."


def test_lines_in_a_fence_are_left_alone():
    text = "```\n# x\nls -la\nls\n```"
    assert fence_terminal_sessions(text) == text


def test_hard_wrapped_prose_starting_with_program_names_is_not_code():
    text = (
        "When you write a long\nmake sure the tests\ngo through every case, and\nsource is clear."
    )
    assert fence_terminal_sessions(text) == text


def test_sentence_after_a_dollar_sign_is_not_a_prompt():
    text = "The sign\n$ is the symbol we use\nfor dollars."
    assert fence_terminal_sessions(text) == text


def test_word_like_program_with_an_option_is_a_command():
    assert "```sh" in fence_terminal_sessions("make -j4\nmake install DESTDIR=/tmp/x")


def test_commands_inside_a_paragraph_need_a_colon_before_them():
    text = "When you use\ngit rebase you rewrite\ngit history for everyone"
    assert fence_terminal_sessions(text) == text


def test_commands_after_a_colon_inside_a_paragraph_are_code():
    text = "Install both:\npip install glossa\nnpm install glossa-ui"
    assert "```sh" in fence_terminal_sessions(text)
