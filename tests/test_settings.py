"""Settings from a TOML file and the environment arrive with the types the fields declare."""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newstrace.cli.app import app
from newstrace.settings import Settings, SettingsError, load_settings


def test_paths_from_toml_and_environment_are_paths(tmp_path: Path) -> None:
    config = tmp_path / "newstrace.toml"
    config.write_text(
        '[newstrace]\ncache_dir = "cache/here"\ndb = "a.db"\nstages = ["normalise", "language"]\n',
        encoding="utf-8",
    )
    from_toml = load_settings(config=config, env={})
    assert isinstance(from_toml.cache_dir, Path) and from_toml.cache_dir == Path("cache/here")
    assert isinstance(from_toml.db, Path) and from_toml.stages == ("normalise", "language")
    # The gazetteer joins file names onto cache_dir: a str there raised TypeError.
    assert (from_toml.cache_dir / "gazetteer.pickle").name == "gazetteer.pickle"

    from_env = load_settings(
        config=config, env={"NEWSTRACE_CACHE_DIR": "/var/cache/nt", "NEWSTRACE_WORKERS": "3"}
    )
    assert from_env.cache_dir == Path("/var/cache/nt") and isinstance(from_env.cache_dir, Path)
    assert from_env.workers == 3


def test_on_error_is_a_checked_choice() -> None:
    hints = typing.get_type_hints(Settings)
    assert typing.get_args(hints["on_error"]) == ("reject", "raise")
    assert load_settings(config=None, env={"NEWSTRACE_ON_ERROR": "raise"}).on_error == "raise"
    with pytest.raises(SettingsError, match="on_error"):
        load_settings(env={"NEWSTRACE_ON_ERROR": "ignore"})


def test_a_value_of_the_wrong_type_is_a_settings_error() -> None:
    with pytest.raises(SettingsError, match="workers"):
        load_settings(env={"NEWSTRACE_WORKERS": "many"})
    with pytest.raises(SettingsError, match="follow_links"):
        load_settings(env={"NEWSTRACE_FOLLOW_LINKS": "perhaps"})
    assert load_settings(env={"NEWSTRACE_FOLLOW_LINKS": "yes"}).follow_links is True
    result = CliRunner().invoke(app, ["docs"], env={"NEWSTRACE_NEAR_DUPLICATE_THRESHOLD": "high"})
    assert result.exit_code == 2 and "error:" in result.output and "near_duplicate_threshold" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_no_unused_settings() -> None:
    assert "extra" not in {f.name for f in dataclasses.fields(Settings)}
