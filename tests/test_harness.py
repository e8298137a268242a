"""The page harness must fail on every kind of broken page: each rule is shown failing here."""

from __future__ import annotations

import textwrap

import pytest
from sybil.example import SybilFailure

from tests.markdown_pages import PAGES, unbacked_numbers, uncollected_fences

FENCE = "```"


def page(tmp_path, body: str):
    path = tmp_path / "page.md"
    path.write_text(textwrap.dedent(body).replace("~~~", FENCE), encoding="utf-8")
    return path


def run_page(path) -> None:
    """Evaluate every example of the page in order, as the suite does."""
    document = PAGES.parse(path)
    for example in document.examples():
        example.evaluate()


GOOD = """
    # A page

    ~~~python
    x = 21
    print(x * 2)
    ~~~

    ~~~output
    42
    ~~~

    <!-- invisible-code-block: python
    assert x == 21
    -->

    ??? success "Solution"
        ~~~python title="answer.py"
        print(f"{x / 7:.1f}")
        ~~~

        ~~~output
        3.0
        ~~~
"""


def test_a_good_page_passes(tmp_path):
    run_page(page(tmp_path, GOOD))
    assert uncollected_fences(page(tmp_path, GOOD)) == []


def test_changing_a_digit_in_an_output_block_fails(tmp_path):
    with pytest.raises(SybilFailure, match="differs from the page"):
        run_page(page(tmp_path, GOOD.replace("    42\n", "    43\n")))


def test_changing_a_digit_in_an_indented_solution_output_fails(tmp_path):
    with pytest.raises(SybilFailure, match="differs from the page"):
        run_page(page(tmp_path, GOOD.replace("3.0", "3.1")))


@pytest.mark.parametrize("info", ["py", "python3", "pycon", "{.python}", "Python", " python"])
def test_a_fence_the_harness_would_skip_is_reported(tmp_path, info):
    path = page(tmp_path, f"Text\n\n~~~{info}\nprint(1)\n~~~\n")
    expected = [] if info == " python" else [3]
    assert uncollected_fences(path) == expected


def test_fences_with_attributes_are_run(tmp_path):
    path = page(tmp_path, '~~~python hl_lines="1"\nprint(1)\n~~~\n\n~~~output\n2\n~~~\n')
    with pytest.raises(SybilFailure):
        run_page(path)


def test_printing_without_an_output_block_fails(tmp_path):
    with pytest.raises(SybilFailure, match="shows none"):
        run_page(page(tmp_path, "~~~python\nprint('surprise')\n~~~\n"))


def test_an_output_block_with_no_code_above_fails(tmp_path):
    with pytest.raises(SybilFailure, match="no python block directly above"):
        run_page(page(tmp_path, "Text\n\n~~~output\n1\n~~~\n"))


def test_an_output_block_separated_by_prose_is_not_paired(tmp_path):
    body = "~~~python\nx = 1\n~~~\n\nSome words.\n\n~~~output\n1\n~~~\n"
    with pytest.raises(SybilFailure, match="no python block directly above"):
        run_page(page(tmp_path, body))


def test_check_blocks_cannot_set_up_state(tmp_path):
    body = """
        <!-- invisible-code-block: python
        hidden = 1
        -->

        ~~~python
        print(hidden)
        ~~~

        ~~~output
        1
        ~~~
    """
    with pytest.raises(NameError, match="hidden"):
        run_page(page(tmp_path, body))


def test_check_blocks_must_not_print(tmp_path):
    with pytest.raises(SybilFailure, match="must print nothing"):
        run_page(page(tmp_path, "<!-- invisible-code-block: python\nprint(1)\n-->\n"))


def test_a_failing_check_fails(tmp_path):
    with pytest.raises(AssertionError):
        run_page(
            page(
                tmp_path,
                "~~~python\nx = 1\n~~~\n\n<!-- invisible-code-block: python\nassert x == 2\n-->\n",
            )
        )


def test_prompts_are_rejected(tmp_path):
    with pytest.raises(SybilFailure, match=">>> prompts"):
        run_page(page(tmp_path, "~~~python\n>>> print(1)\n1\n~~~\n"))


def test_an_unexpected_exception_fails_with_its_traceback(tmp_path):
    with pytest.raises(ZeroDivisionError):
        run_page(page(tmp_path, "~~~python\n1 / 0\n~~~\n"))


def test_an_exception_shown_as_output_must_match(tmp_path):
    shown = "Traceback (most recent call last):\n  ...\nZeroDivisionError: division by zero"
    run_page(page(tmp_path, f"~~~python\n1 / 0\n~~~\n\n~~~output\n{shown}\n~~~\n"))
    wrong = shown.replace("division by zero", "float division by zero")
    with pytest.raises(SybilFailure):
        run_page(page(tmp_path, f"~~~python\n1 / 0\n~~~\n\n~~~output\n{wrong}\n~~~\n"))


def test_varies_matches_within_one_line_only(tmp_path):
    expected = "~~~output\ntook <varies> s\ndone\n~~~\n"
    run_page(page(tmp_path, "~~~python\nprint('took 0.25 s')\nprint('done')\n~~~\n\n" + expected))
    two_lines = "~~~python\nprint('took 0.25\\n0.5 s')\nprint('done')\n~~~\n\n"
    with pytest.raises(SybilFailure):
        run_page(page(tmp_path, two_lines + expected))
    with pytest.raises(SybilFailure):
        run_page(page(tmp_path, "~~~python\nprint('took 0.25 s')\n~~~\n\n" + expected))


def test_trailing_spaces_are_the_only_normalisation(tmp_path):
    run_page(page(tmp_path, "~~~python\nprint('a  ')\n~~~\n\n~~~output\na\n~~~\n"))
    with pytest.raises(SybilFailure):
        run_page(page(tmp_path, "~~~python\nprint(' a')\n~~~\n\n~~~output\na\n~~~\n"))


def test_a_number_in_the_prose_that_no_block_prints_or_checks_is_reported(tmp_path):
    good = page(tmp_path, GOOD + "\nSo x is 21, the answer 3.0, and 21 / 7.1 is about 2.96.\n")
    assert unbacked_numbers(good) == [(26, "7.1"), (26, "2.96")]  # in no block of the page
    rounded = GOOD.replace("print(x * 2)", "print(x * 2, 1.3008)").replace("42", "42 1.3008")
    quoted = page(
        tmp_path,
        rounded + "\nAbout 1.30 or 1.301; not 1.31, 1.3, 1,000, 3.00 or 4.2e7 (x2 is fine).\n",
    )
    assert [number for _, number in unbacked_numbers(quoted)] == [
        "1.31",
        "1.3",
        "1,000",
        "3.00",
        "4.2",
    ]
