"""loaders.personname and loaders.markup: one name order and one spelling of initials,
and bibliographic text without its markup."""

from __future__ import annotations

import pytest

from loaders.markup import strip_markup
from loaders.personname import display_name, given_family, initials


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("A. Turing", ("A. Turing", True)),
        ("A Turing", ("A. Turing", True)),
        ("A M Turing", ("A. M. Turing", True)),
        ("A.V. Arhangel'ski", ("A. V. Arhangel'ski", True)),
        ("J-P Sartre", ("J.-P. Sartre", True)),
        ("G. Di Maio", ("G. Di Maio", True)),
        ("М В Котов", ("М. В. Котов", True)),
        ("Thomas J. Peters", ("Thomas J. Peters", False)),
        ("Li Wei", ("Li Wei", False)),  # undotted letters may be a name
        ("AJ Smith", ("AJ Smith", False)),
        ("Ch. Smith", ("Ch. Smith", False)),
        ("Turing", ("Turing", False)),
        ("  Alan   Turing ", ("Alan Turing", False)),
    ],
)
def test_display_name(written: str, expected: tuple[str, bool]) -> None:
    assert display_name(written) == expected


def test_given_and_family() -> None:
    assert given_family("S.J.", "Mansfield") == ("S. J. Mansfield", True)
    assert given_family("Steven J.", "Mansfield") == ("Steven J. Mansfield", False)
    assert given_family(None, "Consortium") == ("Consortium", False)
    assert initials("T") == "T." and initials("j.") is None and initials("") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<i>Tropical</i> forests", "Tropical forests"),
        ("CO<sub>2</sub> &amp; H<sub>2</sub>O", "CO2 & H2O"),
        ("<jats:p>One.</jats:p><jats:p>Two.</jats:p>", "One. Two."),
        ("<jats:title>Abstract</jats:title>\n<jats:p>Text</jats:p>", "Abstract Text"),
        ("p<0.05 and a < b > c", "p<0.05 and a < b > c"),
        ("Gödel’s “theorem”", "Gödel’s “theorem”"),
    ],
)
def test_strip_markup(text: str, expected: str) -> None:
    assert strip_markup(text) == expected
