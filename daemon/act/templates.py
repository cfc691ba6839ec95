"""Draft and reminder templates: Jinja2 in a sandbox, user overrides first.

A template file is ``NAME.LANG.txt``. It may start with ``Subject: ...`` and a blank line
(reminders use it; drafts always answer with ``Re: <original subject>``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from followup.act import wording
from followup.errors import TemplateError
from jinja2.sandbox import SandboxedEnvironment

SAMPLE_CONTEXT: dict[str, Any] = {
    "user_name": "Alex Example",
    "user_email": "alex@example.org",
    "signature": "Alex Example",
    "contact_name": "Sam Recruiter",
    "contact_first_name": "Sam",
    "contact_greeting": "Sam",
    "company": "Example Corp",
    "role": "Software Engineer",
    "interview_date": "Tuesday 3 March, 14:00",
    "original_subject": "Your application",
    "original_date": "Mon, 2 Mar 2026",
    "careers_link": "https://example.com/careers",
    "scheduling_link": "https://calendly.example/recruiter/30min",
    "to_note": "",
    "draft_subject": "Re: Your application",
    "draft_to": "Sam Recruiter <sam@example.com>",
    "feedback_excerpt": "> The panel liked your system design answer; practise edge cases in coding.",
    "interviewed": True,
    "one_way": False,
    "asked_to_prepare": False,
    "self_schedule": False,
    "offered_slot": "Thursday, 15 October, 11:00",
    "interviewer": "Renee Tallis",
    "booked": False,
    "fixed": False,
    "written_time": "",
    "choice": False,
    "agency": False,
    "no_feedback": False,
    "feedback": True,
    "reason": False,
    "closed": False,
    "no_opening": False,
    "resend": False,
    "feedback_offered": False,
    "exercise": "",
    "exercise_about": "",
    "interviews": True,
}


def fr_de(word: str) -> str:
    """French "de" before *word*, elided before a vowel or a mute h: "d'Analyste", "de Comptable"
    (templates: ``le poste {{ role|fr_de }}``)."""
    return f"d'{word}" if word[:1].lower() in "aeiouyàâäéèêëîïôöûüh" and word else f"de {word}"


@dataclass(frozen=True)
class Rendered:
    subject: str | None
    body: str


class Templates:
    def __init__(self, directories: list[Path]) -> None:
        self.directories = [d for d in directories if d.is_dir()]
        self.env = SandboxedEnvironment(
            loader=jinja2.FileSystemLoader([str(d) for d in self.directories]),
            undefined=jinja2.StrictUndefined,  # a misspelt variable is an error in `followup check`
            autoescape=False,
            keep_trailing_newline=False,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["fr_de"] = fr_de
        self.env.filters["at"] = wording.at  # "at the City of X", "beim Landratsamt X", "à la Mairie de X"
        self.env.filters["the"] = wording.the
        self.env.filters["bare"] = wording.bare  # "the {{ company|bare }} decision" for "The Ashgrove Trust"

    def names(self) -> list[str]:
        return sorted({p.name for d in self.directories for p in d.glob("*.txt")})

    def exists(self, name: str, language: str = "en") -> bool:
        return any(
            (d / f"{name}.{language}.txt").is_file() or (d / f"{name}.en.txt").is_file() for d in self.directories
        )

    def render(self, name: str, context: dict[str, Any], language: str = "en", register: str = "") -> Rendered:
        """*name* in *language*, in its *register* ('tu', 'du': name.es.tu.txt) where there is one."""
        candidates = [f"{name}.{language}.txt", f"{name}.en.txt"]
        if register:
            candidates.insert(0, f"{name}.{language}.{register}.txt")
        try:
            template = self.env.select_template(candidates)
        except jinja2.TemplateNotFound:
            raise TemplateError(f"no template {candidates[-1]!r} in {', '.join(map(str, self.directories))}") from None
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(exc.message or "syntax error", exc.filename, exc.lineno) from None
        return self._render(template, context)

    def _render(self, template: jinja2.Template, context: dict[str, Any]) -> Rendered:
        try:
            text = template.render(**context)
        except jinja2.TemplateError as exc:
            line = _template_line(exc)
            raise TemplateError(str(exc), template.filename, line) from None
        subject = None
        match = re.match(r"Subject:[ \t]*(.*)\n", text)  # trim_blocks may eat the blank line after it
        if match:
            subject, text = match.group(1).strip(), text[match.end() :].lstrip("\n")
        return Rendered(subject, text.strip() + "\n")

    def check_all(self) -> list[TemplateError]:
        """Render every template against sample data; return the errors (file and line)."""
        errors = []
        for name in self.names():
            try:
                self._render(self.env.get_template(name), SAMPLE_CONTEXT)
            except jinja2.TemplateSyntaxError as exc:
                errors.append(TemplateError(exc.message or "syntax error", exc.filename, exc.lineno))
            except TemplateError as exc:
                errors.append(exc)
        return errors


def _template_line(exc: BaseException) -> int | None:
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".txt"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
