import tomllib
from datetime import time, timedelta
from pathlib import Path

import pytest

from bot.core.booking import DEFAULT_TALKS, Mode, TalkType
from bot.settings import (
    PracticeSeed,
    SettingsError,
    load_practice_config,
    load_settings,
    parse_practice_config,
)

TOKEN = "123456:ABC-def_ghi"
PRACTICE = {"code": "linde", "name": "De Linde", "phone": "010-1", "huisartsenpost": "0900-1"}


def test_token_is_required_to_run() -> None:
    with pytest.raises(SettingsError, match="TELEGRAM_BOT_TOKEN"):
        load_settings({})


def test_token_never_shows_in_the_settings_repr() -> None:
    settings = load_settings({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert TOKEN not in repr(settings)


def test_api_url_builds_the_self_hosted_bot_api_path() -> None:
    settings = load_settings({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": "http://api:8081/"})
    assert settings.base_url == "http://api:8081/bot"


def test_webhook_secret_must_use_telegrams_characters() -> None:
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "WEBHOOK_URL": "https://bot.example.org/tg",
           "WEBHOOK_SECRET": "has spaces!"}  # fmt: skip
    with pytest.raises(SettingsError, match="WEBHOOK_SECRET"):
        load_settings(env)


def test_webhook_settings_take_the_path_from_the_url() -> None:
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "WEBHOOK_URL": "https://bot.example.org/tg/hook",
           "WEBHOOK_SECRET": "s3cret_-", "WEBHOOK_PORT": "9000"}  # fmt: skip
    webhook = load_settings(env).webhook
    assert webhook is not None
    assert (webhook.path, webhook.port) == ("tg/hook", 9000)
    assert "s3cret_-" not in repr(webhook)


@pytest.mark.parametrize("code", ["with space", "é", "x" * 65, ""])
def test_a_bad_deep_link_code_names_the_setting(code: str) -> None:
    with pytest.raises(SettingsError, match="PRACTICE_CONFIG"):
        parse_practice_config({"practice": [{**PRACTICE, "code": code}]})


def test_a_specialist_of_an_unknown_practice_is_refused() -> None:
    data = {
        "practice": [PRACTICE],
        "specialist": [{"key": "anna", "name": "Anna", "practices": ["x"]}],
    }
    with pytest.raises(SettingsError, match="unknown practice"):
        parse_practice_config(data)


def test_broken_toml_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text("[[practice]\nname = ", encoding="utf-8")
    with pytest.raises(SettingsError, match="not valid TOML"):
        load_practice_config(path)


def test_the_example_config_in_deploy_is_valid() -> None:
    config = load_practice_config(Path(__file__).parent.parent / "deploy" / "practice.example.toml")
    assert config.practices
    assert config.specialists


def test_hours_in_the_practice_file_are_checked() -> None:
    specialist = {"key": "anna", "name": "Anna", "practices": ["linde"],
                  "hours": {"linde": ["mon 12:00-09:00"]}}  # fmt: skip
    with pytest.raises(SettingsError, match="ends before it starts"):
        parse_practice_config({"practice": [PRACTICE], "specialist": [specialist]})


def test_hours_for_a_practice_not_served_are_refused() -> None:
    specialist = {"key": "anna", "name": "Anna", "practices": ["linde"],
                  "hours": {"eik": ["mon 09:00-12:00"]}}  # fmt: skip
    with pytest.raises(SettingsError, match="does not serve"):
        parse_practice_config({"practice": [PRACTICE], "specialist": [specialist]})


def test_reminders_default_to_a_day_and_two_hours_before_with_quiet_nights() -> None:
    (practice,) = parse_practice_config({"practice": [PRACTICE]}).practices
    assert practice.reminders.before == (timedelta(hours=24), timedelta(hours=2))
    assert practice.reminders.quiet.label() == "21:30-08:00"


def test_a_practice_can_set_its_own_reminders_and_quiet_hours() -> None:
    table = {**PRACTICE, "reminders_before": ["48h", "3h"], "quiet_hours": "22:00-07:30"}
    (practice,) = parse_practice_config({"practice": [table]}).practices
    assert practice.reminders.before == (timedelta(hours=48), timedelta(hours=3))
    assert practice.reminders.quiet.label() == "22:00-07:30"


@pytest.mark.parametrize(
    ("key", "value"),
    [("reminders_before", ["2 uur"]), ("reminders_before", "24h"), ("quiet_hours", "22-7")],
)
def test_unreadable_reminder_settings_are_refused(key: str, value: object) -> None:
    with pytest.raises(SettingsError, match="practice 1"):
        parse_practice_config({"practice": [{**PRACTICE, key: value}]})


def test_the_agenda_time_is_read_per_specialist() -> None:
    specialist = {"key": "anna", "name": "Anna", "practices": ["linde"], "agenda_at": "08:15"}
    config = parse_practice_config({"practice": [PRACTICE], "specialist": [specialist]})
    assert config.specialists[0].agenda_at == time(8, 15)
    with pytest.raises(SettingsError, match="agenda_at"):
        parse_practice_config(
            {"practice": [PRACTICE], "specialist": [{**specialist, "agenda_at": "half acht"}]}
        )


def _practice_with(**extra: object) -> PracticeSeed:
    return parse_practice_config({"practice": [{**PRACTICE, **extra}]}).practices[0]


def test_a_practice_without_talks_keeps_todays_talks_at_the_practice() -> None:
    practice = _practice_with()
    assert practice.talks == DEFAULT_TALKS
    assert practice.group is None


def test_talks_take_their_minutes_and_places_from_the_file() -> None:
    toml = """
[[practice]]
code = "linde"
name = "De Linde"
phone = "010-1"
huisartsenpost = "0900-1"

[practice.talks.followup]
minutes = 20
places = ["phone", "practice"]
"""
    (practice,) = parse_practice_config(tomllib.loads(toml)).practices
    assert practice.talks.followup == TalkType(timedelta(minutes=20), (Mode.PHONE, Mode.PRACTICE))
    assert practice.talks.intake == DEFAULT_TALKS.intake


def test_only_the_minutes_of_a_talk_can_be_given() -> None:
    practice = _practice_with(talks={"intake": {"minutes": 60}})
    assert practice.talks.intake == TalkType(timedelta(minutes=60), (Mode.PRACTICE,))


@pytest.mark.parametrize(
    ("talks", "problem"),
    [
        ({"kennismaking": {"minutes": 45}}, "not a kind of talk"),
        ({"intake": {"minutes": 5}}, "minutes must be a whole number"),
        ({"intake": {"minutes": "45"}}, "minutes must be a whole number"),
        ({"intake": {"minutes": True}}, "minutes must be a whole number"),
        ({"intake": {"places": []}}, "places must list"),
        ({"intake": {"places": "phone"}}, "places must list"),
        ({"intake": {"places": ["practice", "zoom"]}}, "unknown place 'zoom'"),
        ({"intake": {"places": ["phone", "phone"]}}, "listed twice"),
        ({"intake": {"length": 45}}, "unknown key 'length'"),
        ({"intake": 45}, "must be a table"),
        ("phone", "'talks' must be a table"),
    ],
)
def test_a_bad_talk_is_one_clear_error_naming_the_practice(talks: object, problem: str) -> None:
    with pytest.raises(SettingsError, match=rf"PRACTICE_CONFIG: practice 1: .*{problem}"):
        _practice_with(talks=talks)


def test_a_group_is_read() -> None:
    assert _practice_with(group="centrum-noord").group == "centrum-noord"


@pytest.mark.parametrize("group", ["Centrum Noord", "", 7])
def test_a_bad_group_is_refused(group: object) -> None:
    with pytest.raises(SettingsError, match=r"PRACTICE_CONFIG: practice 1: .*group"):
        _practice_with(group=group)


def test_the_booking_options_hold_each_practices_talks_and_group() -> None:
    data = {
        "practice": [
            {**PRACTICE, "group": "noord", "talks": {"intake": {"places": ["video"]}}},
            {**PRACTICE, "code": "eik", "group": "noord"},
            {**PRACTICE, "code": "beuk"},
        ]
    }
    options = parse_practice_config(data).booking_options()
    assert options.talks_at("linde").intake.modes == (Mode.VIDEO,)
    assert options.group_of("eik") == ("eik", "linde")
    assert options.group_of("beuk") == ("beuk",)


def test_the_demo_practice_offers_talks_by_phone() -> None:
    config = load_practice_config(Path(__file__).parent.parent / "bot" / "demo_practice.toml")
    assert Mode.PHONE in config.practices[0].talks.followup.modes


def test_the_example_config_shows_a_group_and_talks_by_phone() -> None:
    config = load_practice_config(Path(__file__).parent.parent / "deploy" / "practice.example.toml")
    options = config.booking_options()
    assert options.group_of("eik") == ("eik", "linde")
    assert Mode.PHONE in options.talks_at("linde").intake.modes


def test_a_short_name_for_buttons_is_read_and_kept_short() -> None:
    (practice,) = parse_practice_config(
        {"practice": [{**PRACTICE, "short_name": "Linde"}]}
    ).practices
    assert practice.short_name == "Linde"
    with pytest.raises(SettingsError, match="short_name"):
        parse_practice_config({"practice": [{**PRACTICE, "short_name": "x" * 25}]})
