"""Which schema checks which document: --schema, _schema, configured globs, Articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.errors import UsageError
from toolkit.validate.resolve import Resolver, SchemaChoice, UnknownSchema, find_settings, glob_regex


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("posts/*.md", "posts/a.md", True),
        ("posts/*.md", "posts/x/a.md", False),
        ("posts/**/*.md", "posts/a.md", True),
        ("posts/**/*.md", "posts/x/y/a.md", True),
        ("*.json", "deep/down/a.json", True),
        ("data/item?.json", "data/item1.json", True),
        ("data/item?.json", "data/item10.json", False),
        ("a.b", "axb", False),
    ],
)
def test_globs_match_relative_paths(pattern: str, path: str, matches: bool) -> None:
    assert bool(glob_regex(pattern).fullmatch(path)) is matches


def _project(tmp_path: Path, config_name: str, table: str) -> Path:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "recipe.schema.json").write_text('{"type": "object"}')
    (tmp_path / "schemas" / "data.json").write_text('{"type": "array"}')
    (tmp_path / config_name).write_text(
        f'[{table}]\nschema_dir = "schemas"\n[{table}.schemas]\n"data/*.json" = "schemas/data.json"\n"posts/**" = "default"\n'
    )
    (tmp_path / "sub").mkdir()
    return tmp_path


@pytest.mark.parametrize(("config_name", "table"), [("pyproject.toml", "tool.toolkit.validate"), ("toolkit.toml", "validate")])
def test_configuration_is_found_upwards_and_maps_globs(tmp_path: Path, config_name: str, table: str) -> None:
    root = _project(tmp_path, config_name, table)
    settings = find_settings(root / "sub")
    assert settings.source == root / config_name
    resolver = Resolver(None, settings)
    assert resolver.choose(root / "data" / "a.json", [1]) == SchemaChoice("schemas/data.json", path=root / "schemas/data.json")
    assert resolver.choose(root / "posts" / "x" / "a.md", {}) == SchemaChoice("frontmatter/default", name="frontmatter/default")
    assert resolver.choose(root / "other.json", {}) is None


def test_the_schema_key_looks_in_the_configured_folder_then_the_bundled_ones(tmp_path: Path) -> None:
    resolver = Resolver(None, find_settings(_project(tmp_path, "toolkit.toml", "validate")))
    recipe = resolver.choose(tmp_path / "r.md", {"_schema": "recipe"})
    assert recipe == SchemaChoice("recipe", path=tmp_path / "schemas" / "recipe.schema.json")
    assert resolver.choose(tmp_path / "r.md", {"_schema": "default"}) == SchemaChoice("frontmatter/default", name="frontmatter/default")
    assert isinstance(resolver.choose(tmp_path / "r.md", {"_schema": "../../etc/passwd"}), UnknownSchema)


def test_explicit_schema_wins_and_articles_fall_back_to_the_article_schema(tmp_path: Path) -> None:
    settings = find_settings(tmp_path)
    assert Resolver(None, settings).choose(tmp_path / "a.json", {"schema_version": "1.0.0"}) == SchemaChoice("article", name="article")
    explicit = Resolver("frontmatter/default", settings)
    assert explicit.choose(tmp_path / "a.json", {"schema_version": "1.0.0", "_schema": "x"}).name == "frontmatter/default"


def test_a_broken_configuration_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "toolkit.toml").write_text("[validate\n")
    with pytest.raises(UsageError, match="toolkit.toml: cannot read configuration"):
        find_settings(tmp_path)
