"""Telegram's HTML rules in detail: entities, offsets in UTF-16 and what may nest in what."""

import pytest

from bot.fakeapi.errors import FakeApiError
from bot.fakeapi.html import Entity, FormattedText, parse_html, parse_telegram_html


def _refusal(html: str) -> str:
    with pytest.raises(FakeApiError) as caught:
        parse_html(html)
    assert caught.value.status == 400
    assert caught.value.description.startswith("Bad Request: can't parse entities: ")
    return caught.value.description


def test_nested_tags_give_entities_with_utf16_offsets() -> None:
    parsed = parse_html("😀 <b>vet <i>schuin</i></b>")
    assert parsed.text == "😀 vet schuin"
    assert parsed.entities == (Entity("bold", 3, 10), Entity("italic", 7, 6))


def test_a_link_becomes_a_text_link_with_its_url() -> None:
    parsed = parse_html('Bel <a href="https://www.113.nl/?a=1&amp;b=2">113</a>')
    assert parsed.entities == (Entity("text_link", 4, 3, url="https://www.113.nl/?a=1&b=2"),)


def test_pre_with_a_code_language_is_one_pre_entity() -> None:
    parsed = parse_html('<pre><code class="language-python">print(1)</code></pre>')
    assert parsed.entities == (Entity("pre", 0, 8, language="python"),)


def test_expandable_blockquote_is_its_own_entity_type() -> None:
    parsed = parse_html("<blockquote expandable>lang verhaal</blockquote>")
    assert parsed.entities == (Entity("expandable_blockquote", 0, 12),)


def test_spoiler_span_and_custom_emoji_are_accepted() -> None:
    parsed = parse_html('<span class="tg-spoiler">x</span><tg-emoji emoji-id="5368">👍</tg-emoji>')
    assert [e.type for e in parsed.entities] == ["spoiler", "custom_emoji"]
    assert parsed.entities[1].custom_emoji_id == "5368"


def test_an_empty_tag_gives_no_entity() -> None:
    assert parse_html("a<b></b>b") == FormattedText("ab")


def test_numeric_character_references_are_decoded() -> None:
    assert parse_telegram_html("&#72;&#x69;&#X21;") == "Hi!"


def test_crossed_tags_name_the_expected_end_tag() -> None:
    assert 'expected "</i>", found "</b>"' in _refusal("<b><i>x</b></i>")


def test_an_end_tag_without_a_start_tag_is_refused() -> None:
    assert "Unexpected end tag" in _refusal("x</b>")


def test_an_unclosed_tag_is_refused() -> None:
    assert 'start tag "b"' in _refusal("<b>x")


def test_an_unknown_tag_is_unsupported() -> None:
    assert 'Unsupported start tag "p"' in _refusal("<p>alinea</p>")


def test_a_bare_less_than_sign_is_refused_with_its_byte_offset() -> None:
    assert "byte offset 6" in _refusal("é is < 2")


def test_a_bare_ampersand_is_refused_although_telegram_would_let_it_pass() -> None:
    assert 'bare "&"' in _refusal("Tom & Jerry")


def test_a_named_entity_other_than_the_four_is_refused() -> None:
    assert "&nbsp;" in _refusal("a&nbsp;b")


def test_a_link_without_href_is_refused() -> None:
    assert "href" in _refusal("<a>113</a>")


def test_a_link_with_a_javascript_href_is_refused() -> None:
    assert "invalid URL" in _refusal('<a href="javascript:alert(1)">x</a>')


def test_an_unquoted_attribute_value_is_refused() -> None:
    assert "must be quoted" in _refusal("<a href=https://113.nl>113</a>")


def test_an_unknown_attribute_is_refused() -> None:
    assert 'Unsupported attribute "style"' in _refusal('<b style="x">x</b>')


def test_a_link_inside_a_link_is_refused() -> None:
    assert "can't be inside" in _refusal('<a href="https://a.nl">a<a href="https://b.nl">b</a></a>')


def test_bold_inside_code_is_refused() -> None:
    assert "can't be inside" in _refusal("<code>x<b>y</b></code>")


def test_a_blockquote_inside_a_blockquote_is_refused() -> None:
    assert "can't be inside" in _refusal("<blockquote>a<blockquote>b</blockquote></blockquote>")


def test_a_language_on_a_standalone_code_tag_is_refused() -> None:
    assert "inside <pre>" in _refusal('<code class="language-python">x</code>')


def test_a_surrogate_character_reference_is_refused() -> None:
    assert "invalid character reference" in _refusal("&#xD800;")


def test_trimming_moves_the_entities_with_the_text() -> None:
    trimmed = parse_html("\n\n<b>Hoi</b> \n").trimmed()
    assert trimmed == FormattedText("Hoi", (Entity("bold", 0, 3),))


@pytest.mark.parametrize("href", ["mailto:", "https://", "http:// spatie.nl", "http://[::1"])
def test_a_link_without_a_destination_is_refused(href: str) -> None:
    assert "invalid URL" in _refusal(f'<a href="{href}">x</a>')


@pytest.mark.parametrize("href", ["tg://user?id=42", "mailto:poh@praktijk.nl", "http://113.nl"])
def test_tg_mailto_and_http_links_are_accepted(href: str) -> None:
    assert parse_html(f'<a href="{href}">x</a>').entities[0].url == href
