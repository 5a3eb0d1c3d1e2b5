from bot.core.invites import hash_code, looks_like_code, new_invite_code, normalise_code


def test_new_codes_look_like_codes_and_differ() -> None:
    codes = {new_invite_code() for _ in range(50)}
    assert len(codes) == 50
    assert all(looks_like_code(c) for c in codes)


def test_hash_forgives_case_spaces_and_dashes() -> None:
    assert hash_code("abcd-efgh-jkmn") == hash_code(" ABCD EFGH JKMN ")


def test_hash_is_not_the_code() -> None:
    code = new_invite_code()
    assert normalise_code(code) not in hash_code(code)


def test_ambiguous_letters_are_not_codes() -> None:
    assert not looks_like_code("0OIL-0OIL-0OIL")
