import pytest

from ncb.errors import ConfigurationError
from ncb.settings import SETTINGS, Settings


def test_every_setting_is_declared_with_a_sentence() -> None:
    declared = {s.name for s in SETTINGS}
    fields = set(Settings.__dataclass_fields__) - {"extra"}
    assert declared == fields
    assert all(len(s.help) > 20 for s in SETTINGS)


def test_settings_come_from_ncb_variables() -> None:
    s = Settings.from_env({"NCB_PORT": "9001", "NCB_LIFT_PUBLIC_RESULT_CAP": "yes"})
    assert s.port == 9001 and s.lift_public_result_cap is True


def test_a_bad_value_names_the_variable() -> None:
    with pytest.raises(ConfigurationError, match="NCB_PORT"):
        Settings.from_env({"NCB_PORT": "eighty"})


def test_production_refuses_a_missing_token() -> None:
    with pytest.raises(ConfigurationError, match="NCB_API_TOKEN"):
        Settings.from_env({"NCB_ENVIRONMENT": "production"})
