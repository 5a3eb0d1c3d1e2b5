import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.callback_data import Action, InvalidCallback, pack, unpack


def test_pack_and_unpack_round_trip() -> None:
    cb = unpack(pack(Action.AGE, 14))
    assert cb.action is Action.AGE
    assert cb.args == ("14",)


def test_pack_refuses_data_over_64_bytes() -> None:
    with pytest.raises(ValueError, match="64"):
        pack(Action.MENU, "é" * 40)


@pytest.mark.parametrize("data", ["", None, "nonsense", "x:y", "a" * 65])
def test_unpack_refuses_data_no_button_of_ours_makes(data: str | None) -> None:
    with pytest.raises(InvalidCallback):
        unpack(data)


def test_missing_argument_is_an_invalid_callback() -> None:
    with pytest.raises(InvalidCallback):
        unpack("age").arg()


@given(st.text(max_size=80))
def test_unpack_never_raises_anything_but_invalid_callback(data: str) -> None:
    with contextlib.suppress(InvalidCallback):
        unpack(data)
