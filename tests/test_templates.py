"""followup.act.templates: Jinja2 in a sandbox, user overrides first, the language's file else English."""

from __future__ import annotations

from pathlib import Path

import pytest
from followup.act.templates import SAMPLE_CONTEXT, Templates
from followup.errors import TemplateError

SHIPPED = Path(__file__).resolve().parent.parent / "templates"


def test_every_shipped_template_renders_with_the_sample_context() -> None:
    templates = Templates([SHIPPED])
    assert templates.names()
    assert templates.check_all() == []


def test_a_subject_line_is_split_off(tmp_path: Path) -> None:
    (tmp_path / "nudge.en.txt").write_text("Subject: Hello {{ company }}\n\nDear {{ contact_first_name }},\n")
    rendered = Templates([tmp_path]).render("nudge", SAMPLE_CONTEXT)
    assert rendered.subject == "Hello Example Corp"
    assert rendered.body == "Dear Sam,\n"


def test_the_users_directory_comes_first_and_english_is_the_fallback(tmp_path: Path) -> None:
    user, shipped = tmp_path / "user", tmp_path / "shipped"
    user.mkdir()
    shipped.mkdir()
    (shipped / "note.en.txt").write_text("shipped\n")
    (shipped / "note.de.txt").write_text("ausgeliefert\n")
    (user / "note.en.txt").write_text("mine\n")
    templates = Templates([user, shipped, tmp_path / "missing"])
    assert templates.render("note", {}).body == "mine\n"
    assert templates.render("note", {}, "de").body == "ausgeliefert\n"
    assert templates.render("note", {}, "fr").body == "mine\n"
    assert templates.exists("note", "fr")
    assert not templates.exists("other")


def test_a_misspelt_variable_is_an_error_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "bad.en.txt").write_text("Dear {{ contact_name }},\n\n{{ compnay }}\n")
    with pytest.raises(TemplateError) as caught:
        Templates([tmp_path]).render("bad", SAMPLE_CONTEXT)
    assert "compnay" in str(caught.value)
    assert [str(e) for e in Templates([tmp_path]).check_all()] == [str(caught.value)]


def test_a_missing_template_names_where_it_was_looked_for(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match=r"no template 'absent\.en\.txt'"):
        Templates([tmp_path]).render("absent", {})


def test_the_sandbox_refuses_python_internals(tmp_path: Path) -> None:
    (tmp_path / "evil.en.txt").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    with pytest.raises(TemplateError):
        Templates([tmp_path]).render("evil", {})
