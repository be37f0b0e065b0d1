"""LaTeX and markdown noise to plain Unicode text.

Names and titles arrive as ``Fran\\c{c}ois``, ``C. Bal\\'azs``, ``${\\bf Ziming\\;Liu},$``
or ``**Ziming Liu**``. Identity resolution compares names, so every loader must hand
over the same Unicode spelling a person would type; this module is the one place that
knows TeX's accent commands. Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["latex_to_text", "strip_markdown"]

# Accent commands -> combining characters (applied to the following letter).
_ACCENTS: dict[str, str] = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
}

# Commands that stand for a character on their own.
_SYMBOLS: dict[str, str] = {
    "ss": "ß",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "o": "ø",
    "O": "Ø",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
    "dh": "ð",
    "DH": "Ð",
    "th": "þ",
    "TH": "Þ",
    "ng": "ŋ",
    "NG": "Ŋ",
    "&": "&",
    "%": "%",
    "$": "$",
    "#": "#",
    "_": "_",
    "{": "{",
    "}": "}",
    "textendash": "–",
    "textemdash": "—",
    "textquoteright": "’",
    "textquoteleft": "‘",
    "ldots": "…",
    "dots": "…",
    "times": "×",
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "lambda": "λ",
    "mu": "μ",
    "pi": "π",
    "sigma": "σ",
    "tau": "τ",
    "phi": "φ",
    "omega": "ω",
    "Omega": "Ω",
    "Delta": "Δ",
    "Lambda": "Λ",
    "infty": "∞",
    "pm": "±",
    "to": "→",
    "rightarrow": "→",
    "leq": "≤",
    "geq": "≥",
    "le": "≤",
    "ge": "≥",
    "sim": "~",
    "approx": "≈",
    "cdot": "·",
}

# Spacing commands -> one space (or nothing).
_SPACES = {
    ",": " ",
    ";": " ",
    ":": " ",
    "!": "",
    " ": " ",
    "quad": " ",
    "qquad": " ",
    "~": " ",
    "-": "",  # discretionary hyphen
    "(": "",  # \( ... \) inline math delimiters
    ")": "",
    "[": "",
    "]": "",
}

# Font/style commands whose argument is kept as is.
_STYLE = {
    "bf",
    "it",
    "em",
    "rm",
    "sc",
    "sf",
    "tt",
    "textbf",
    "textit",
    "emph",
    "textrm",
    "textsc",
    "textsf",
    "texttt",
    "mathrm",
    "mathbf",
    "mathit",
    "mathsf",
    "mathtt",
    "mbox",
    "text",
    "bfseries",
    "itshape",
    "protect",
    "relax",
    "noopsort",
    "url",
    "href",
}

_ACCENT_RE = re.compile(
    r"\\(['`^\"~=.])\s*(?:\{\s*(\\?[A-Za-z])\s*\}|(\\?[A-Za-z]))"
    r"|\\([uvHckrdb])(?:\s*\{\s*(\\?[A-Za-z])\s*\}|\s+(\\?[A-Za-z]))"
)
_COMMAND_RE = re.compile(r"\\([A-Za-z]+)\s*|\\([,;:! ~&%$#_{}()\[\]-])")


def _accent(match: re.Match[str]) -> str:
    command = match.group(1) or match.group(4)
    if match.group(1):
        letter = match.group(2) or match.group(3)
    else:
        letter = match.group(5) or match.group(6)
    if letter.startswith("\\"):
        # dotless i/j carry accents as plain i/j in Unicode (\'{\i} -> í)
        letter = {"i": "i", "j": "j"}.get(letter[1:]) or _SYMBOLS.get(letter[1:], letter[1:])
    return unicodedata.normalize("NFC", letter + _ACCENTS[command])


def _command(match: re.Match[str]) -> str:
    name = match.group(1)
    if name is None:
        sym = match.group(2)
        return _SPACES.get(sym, _SYMBOLS.get(sym, sym))
    if name in _SYMBOLS:
        return _SYMBOLS[name]
    if name in _SPACES:
        return _SPACES[name]
    if name in _STYLE:
        return ""
    return ""  # unknown command: drop the command word, keep its argument text


def latex_to_text(text: str) -> str:
    """Turn a LaTeX fragment into the plain Unicode a reader sees.

    >>> latex_to_text(r"Fran\\c{c}ois")
    'François'
    >>> latex_to_text(r"C. Bal\\'azs")
    'C. Balázs'
    >>> latex_to_text(r"${\\bf Ziming\\;Liu},$")
    'Ziming Liu,'
    >>> latex_to_text(r"{R Core Team}")
    'R Core Team'
    """
    if "\\" not in text and "{" not in text and "$" not in text and "~" not in text:
        return " ".join(text.split())
    out = _ACCENT_RE.sub(_accent, text)
    out = _COMMAND_RE.sub(_command, out)
    out = out.replace("$", "").replace("{", "").replace("}", "")
    # a TeX tie ("D.~E.~Knuth"); a "~" before a number ("~10%") means "about": kept
    out = re.sub(r"(?<=\S)~(?=[^\s\d])", " ", out)
    out = out.replace("--", "–") if "---" not in out else out.replace("---", "—")
    out = unicodedata.normalize("NFC", out)
    return " ".join(out.split())


_MD_RE = re.compile(r"(\*\*|__|\*|_|`)(.+?)\1")


def strip_markdown(text: str) -> str:
    """Remove markdown emphasis and escapes (``**Ziming Liu**`` -> ``Ziming Liu``,
    ``Lin\\*`` -> ``Lin*``) without touching the words.

    >>> strip_markdown("**Ziming Liu**, Lin\\\\*")
    'Ziming Liu, Lin*'
    """
    # escaped characters are literal: hide them so "Lin\\*, Liu\\*" is not emphasis
    escaped: list[str] = []

    def hide(m: re.Match[str]) -> str:
        escaped.append(m.group(1))
        return f"\x00{len(escaped) - 1}\x00"

    out = re.sub(r"\\([*_`#\[\]()\\-])", hide, text)
    for _ in range(2):
        out = _MD_RE.sub(r"\2", out)
    out = re.sub(r"\x00(\d+)\x00", lambda m: escaped[int(m.group(1))], out)
    return " ".join(out.split())
