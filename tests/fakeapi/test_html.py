"""The fake refuses the HTML that Telegram refuses."""

import pytest

from bot.fakeapi.html import FakeApiError, parse_telegram_html, utf16_len


@pytest.mark.parametrize(
    ("html", "plain"),
    [
        ("<b>Hulp</b> nu", "Hulp nu"),
        ("<b>vet <i>en schuin</i></b>", "vet en schuin"),
        ("a &lt; b &amp;&amp; c &gt; d &quot;x&quot;", 'a < b && c > d "x"'),
        ("&#128512; &#x1F600;", "😀 😀"),
        ('<a href="https://www.113.nl">113</a>', "113"),
        ('<span class="tg-spoiler">geheim</span>', "geheim"),
        ('<pre><code class="language-python">x</code></pre>', "x"),
        ("<blockquote expandable>lang</blockquote>", "lang"),
    ],
)
def test_valid_html_gives_the_text_the_user_sees(html: str, plain: str) -> None:
    assert parse_telegram_html(html) == plain


@pytest.mark.parametrize(
    "html",
    [
        "<b>niet gesloten",
        "<b><i>kruislings</b></i>",
        "</b>",
        "<div>onbekend</div>",
        "<br>",
        "1 < 2",
        "3 > 2",
        "Tom & Jerry",
        "&nbsp;",
        "<a>zonder href</a>",
        '<a href="javascript:alert(1)">x</a>',
        '<span class="rood">x</span>',
        '<b class="x">x</b>',
        "&#99999999;",
    ],
)
def test_invalid_html_is_refused_like_telegram(html: str) -> None:
    with pytest.raises(FakeApiError, match="can't parse entities") as caught:
        parse_telegram_html(html)
    assert caught.value.status == 400


def test_length_counts_utf16_code_units() -> None:
    assert utf16_len("abc") == 3
    assert utf16_len("😀") == 2
    assert utf16_len("é") == 1
