"""The employer and the role a mail names: each pattern on invented mail. A wrong company is worse
than none, so each test of a name found has a neighbour where nothing may be found."""

from __future__ import annotations

from functools import partial

import pytest
from followup.act import extract as extract_module
from followup.act.extract import extract as extract_with
from followup.mail.parse import parse_mail

from tests.conftest import SHIPPED_PLATFORMS

extract = partial(extract_with, platforms=SHIPPED_PLATFORMS)


def _raw(body: str, sender: str, subject: str = "Your application", reply_to: str = "") -> bytes:
    extra = f"Reply-To: {reply_to}\r\n" if reply_to else ""
    return (
        f"From: {sender}\r\nTo: Sam Taylor <sam@example.org>\r\n{extra}Subject: {subject}\r\n"
        f"Date: Mon, 02 Mar 2026 09:00:00 +0100\r\nMessage-ID: <f@x.example>\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    ).encode()


def _company(body: str, sender: str, subject: str = "Your application", reply_to: str = "") -> str:
    return extract(parse_mail(_raw(body, sender, subject, reply_to))).company


@pytest.mark.parametrize(
    ("name", "company"),
    [("Pinegrove Analytics Resourcing", "Pinegrove Analytics"), ("Halden & Roe Campus Recruiting", "Halden & Roe"),
     ("Tessaro Student Hiring", "Tessaro"), ("Campus Outfitters", "Campus Outfitters"),
     ("Lakemont University Careers", "Lakemont University"),
     # an article in lower case is the sentence's ("L'équipe de la Maison Ferrand")
     ("la Maison Ferrand", "Maison Ferrand"), ("La Maison Ferrand", "La Maison Ferrand"), ("der Brauerei Kessel", "Brauerei Kessel")],
)  # fmt: skip
def test_a_team_word_or_an_article_around_the_employer_goes(name: str, company: str) -> None:
    assert extract_module._trim_company(name) == company


def test_an_assistants_mailbox_at_a_platform_is_no_employer() -> None:
    # A chatbot's given name at the scheduling platform names no one who hires.
    body = "Hi Sam,\n\nYour interview is confirmed for Friday.\n\nSee you then!"
    assert _company(body, "Paradox Maya <maya@paradox.ai>", "Your interview is confirmed!") == ""
    assert "Maya" not in _company(body, "Paradox <maya@paradox.ai>", "Your interview at Torvale Foods is confirmed!")


@pytest.mark.parametrize(
    ("name", "labels", "shortened"),
    [("Corvell Manufacturing", ["corvellmfg"], "corvellmfg"), ("Tamsin", ["tamsinpay"], "tamsinpay"),
     ("Bureau of Harbour Works", ["bhw"], "bhw"), ("Fenwick Rural Health Clinic", ["fenwickhealth"], "fenwickhealth"),
     # a place that only begins the label, a short word, a sentence or a date: no agreement
     ("Chicago", ["chicagolakeshorecu"], ""), ("Ardo", ["ardoworks"], ""), ("Corvell is hiring now", ["corvellmfg"], ""),
     ("Corvell 12 March", ["corvellmfg"], ""), ("Bureau of Harbour Works", ["bhwx"], "")],
)  # fmt: skip
def test_a_name_the_domain_shortens(name: str, labels: list[str], shortened: str) -> None:
    assert extract_module._shortened_by(name, labels) == shortened


def test_a_signature_line_the_domain_shortens_names_the_employer() -> None:
    body = "Hi Sam,\n\nWe would like to invite you to an interview.\n\nBest,\nDana Whitfield\nPlant Manager, Corvell Manufacturing"
    assert _company(body, "Dana Whitfield <dana@corvellmfg.example>") == "Corvell Manufacturing"
    # the same line where the domain says something else: not sure enough
    assert _company(body, "Dana Whitfield <dana@ostrander.example>") == ""


def test_an_agency_names_its_client_as_my_client() -> None:
    body = "Hi Sam,\n\nThe hiring manager at my client, Ostrava Mutual, would like to meet you.\n\nRuth Engel\nSenior Recruiter | Lindqvist Staffing"
    assert (
        _company(body, "Ruth Engel <ruth@lindqviststaffing.example>", "Interview with our client") == "Ostrava Mutual"
    )


def test_a_name_in_the_text_ends_before_i() -> None:
    pattern = extract_module._COMPANY_PATTERNS[0][0]
    assert [m.group("c") for m in pattern.finditer("I lead design at Brindle and I've seen your work")] == [
        "Brindle and"
    ]
    assert extract_module._trim_company("Brindle and") == "Brindle"


@pytest.mark.parametrize(
    ("written", "role"),
    [("Búsqueda Auxiliar administrativo", "Auxiliar administrativo"), ("Vacante Camarero", "Camarero")],
)
def test_a_spanish_subjects_word_is_no_part_of_the_title(written: str, role: str) -> None:
    assert extract_module._clean_role(written) == role


def test_a_name_after_at_in_the_subject_that_the_text_writes_too() -> None:
    body = "Hi Sam,\n\nYour interview with Harrow Lane Bakery is confirmed for Friday at 10:00.\n\nGood luck!"
    assert (
        _company(body, "Teamtailor <no-reply@teamtailor.com>", "Interview booked at Harrow Lane Bakery")
        == "Harrow Lane Bakery"
    )
    assert _company(
        body, "Teamtailor <no-reply@teamtailor.com>", "Planifiez votre entretien avec Harrow Lane Bakery"
    ) == ("Harrow Lane Bakery")
    # the subject alone is one place: not sure enough
    alone = "Hi Sam,\n\nYour interview is confirmed for Friday at 10:00.\n\nGood luck!"
    assert _company(alone, "Teamtailor <no-reply@teamtailor.com>", "Interview booked at Harrow Lane Bakery") == ""


@pytest.mark.parametrize("invites", ["has invited you to a video interview", "te invita a una entrevista en vídeo"])
def test_the_name_that_invites_you_in_subject_and_text(invites: str) -> None:
    body = f"Hi Sam,\n\nMarrow & Pike {invites} for the Store Lead role.\n\nThe Team"
    assert _company(body, "Spark Hire <notifications@sparkhire.com>", f"Marrow & Pike {invites}") == "Marrow & Pike"
    # in the text alone, one place: not sure enough
    assert _company(body, "Spark Hire <notifications@sparkhire.com>", "Your video interview") == ""


@pytest.mark.parametrize(
    ("text", "role"),
    [("el proceso para el puesto de Analista Contable no sigue adelante.", "Analista Contable"),
     ("votre candidature au poste de Chargée de projet ne sera pas retenue.", "Chargée de projet"),
     ("tu candidatura al puesto de Jefe de Obra ya ha sido cubierta.", "Jefe de Obra")],
)  # fmt: skip
def test_a_title_ends_where_a_clause_goes_on(text: str, role: str) -> None:
    pattern = next(p for p, _, _ in extract_module._ROLE_PATTERNS if p.search(text))
    match = pattern.search(text)
    assert match is not None and match.group("r") == role


@pytest.mark.parametrize(
    ("sender", "company"),
    [('"María Luisa de la Vega" <ml.vega@bodegas-norte.example>', ""),  # a family name's particle
     ('"Anna von Bergen" <anna@bergen-mode.example>', ""),
     ('"Juan Ortega de Bodegas Norte" <juan@bodegas-norte.example>', "Bodegas Norte")],
)  # fmt: skip
def test_a_particle_in_a_display_name_is_no_at(sender: str, company: str) -> None:
    assert _company("Gracias por tu interés.\n\nSaludos,\nJuan", sender) == company


@pytest.mark.parametrize(
    ("body", "subject"),
    [("Bonne nouvelle : mon client souhaite vous rencontrer.\n\nAurélien\nCabinet Marlière RH", "Entretien"),
     ("Ya tengo respuesta tras la entrevista del jueves.\n\nÁlex\nSenior Manager · Nexo Talento", "RE: Proceso – feedback del cliente"),
     ("Good news, they would like to meet you.\n\nSarah\nNorthgate Talent Ltd", "Interview")],
)  # fmt: skip
def test_an_agency_is_never_the_employer(body: str, subject: str) -> None:
    assert _company(body, "Recruiter <r@agency-mail.example>", subject) == ""


@pytest.mark.parametrize(
    ("name", "company"),
    [("de Parcela Foods", "Parcela Foods"), ("De Beers", "De Beers"), ("Halden Systems Interview Scheduling", "Halden Systems"),
     ("Interview Scheduling", "")],
)  # fmt: skip
def test_a_preposition_or_a_tools_name_around_the_employer_goes(name: str, company: str) -> None:
    assert extract_module._trim_company(name) == company


def test_a_public_sector_portal_is_no_employer() -> None:
    assert (
        _company(
            "Thank you for applying. Unfortunately...", "Civil Service Jobs <noreply@civilservicejobs.service.gov.uk>"
        )
        == ""
    )


def test_an_ad_word_in_the_subject_is_no_part_of_the_title() -> None:
    assert extract_module._clean_role("Stellenausschreibung Sachbearbeitung Bauordnung") == "Sachbearbeitung Bauordnung"


@pytest.mark.parametrize(
    ("written", "role"),
    [
        # the employer's own words and the preposition that led to them go, in each language
        ("Responsable de Sala del Restaurante de nuestro hotel de Sitges", "Responsable de Sala del Restaurante"),
        ("Camarero para el restaurante de nuestro hotel", "Camarero"),
        ("Ingénieur Qualité au sein de notre siège", "Ingénieur Qualité"),
        ("Chef de Rang pour nos restaurants", "Chef de Rang"),
        ("Sales Manager in our Leeds team", "Sales Manager"),
        ("Sachbearbeiter bei unserer Tochter", "Sachbearbeiter"),
        ("Kellner (m/w/d) in unserem Hotel", "Kellner (m/w/d)"),
        # what is left is a head that names no post alone, or nothing: no role at all
        ("Responsable de nuestro equipo de ventas", ""),
        ("Nuestro equipo", ""),
        # no employer's word: the title as it is
        ("Responsable de Sala", "Responsable de Sala"),
    ],
)
def test_a_role_stops_before_the_employers_own_words(written: str, role: str) -> None:
    assert extract_module._clean_role(written) == role


@pytest.mark.parametrize(
    ("role", "after", "expected"),
    [
        # the employer named after the next 'en': the words cut off were the title's own
        ("Especialista", " en Nóminas en Grupo Ferrovial Norte y por", ("Especialista en Nóminas", False)),
        ("Especialista", " en Nóminas en la empresa Grupo Ferrovial Norte.", ("Especialista en Nóminas", False)),
        ("Technicien", " en Électronique chez Acme Industrie.", ("Technicien en Électronique", False)),
        ("Specialist", " in Payroll at Acme Industrie.", ("Specialist in Payroll", False)),
        # the employer or a contract right after the cut: it was right
        ("Especialista", " en Grupo Ferrovial Norte.", ("Especialista", False)),
        ("Chargé de recrutement", " en CDI chez Acme Industrie", ("Chargé de recrutement", False)),
        # a place or a field with nothing after it: unsure
        ("Camarero", " en Barcelona.", ("Camarero", True)),
        ("Especialista", " en Nóminas.", ("Especialista", True)),
        ("Camarero", ", con experiencia.", ("Camarero", False)),
    ],
)
def test_a_cut_before_en_and_a_name(role: str, after: str, expected: tuple[str, bool]) -> None:
    assert extract_module._at_the_cut(role, after, ("Grupo Ferrovial Norte", "Acme Industrie")) == expected


def _role(body: str, sender: str, subject: str = "Tu candidatura") -> str:
    return extract(parse_mail(_raw(body, sender, subject))).role


def test_a_title_cut_at_en_before_the_employer_is_whole_or_left_out() -> None:
    sender = "Talento <talento@ferrovialnorte.example>"
    body = (
        "Hola Rocío:\n\nGracias por tu interés en el puesto de Especialista en Nóminas en Grupo Ferrovial Norte.\n\n"
        "Hemos decidido seguir adelante con otros candidatos.\n\nAtentamente,\nGrupo Ferrovial Norte"
    )
    assert _role(body, sender) == "Especialista en Nóminas"
    # a capitalised field or place after 'en' and no employer after it: 'Especialista' alone would be
    # a title lost, and a wrong one in 'el puesto de Especialista en Grupo Ferrovial Norte'
    assert _role(body.replace("en Nóminas en Grupo Ferrovial Norte", "en Nóminas"), sender) == ""
    # a title whole before it stays ('Camarero en Barcelona')
    assert _role(body.replace("Especialista en Nóminas en Grupo Ferrovial Norte", "Camarero en Barcelona"), sender) == (
        "Camarero"
    )


def test_a_name_keeps_the_the_its_display_name_writes() -> None:
    body = "Dear Sam,\n\nThank you for applying for the Grants Officer position.\n\nBest wishes,\nRuth Ogunleye"
    assert _company(body, "The Ashgrove Trust <ruth@ashgrovetrust.example>") == "The Ashgrove Trust"
    # a sentence's 'The' is no part of a name
    body = "Dear Sam,\n\nThe Ashgrove Trust thanks you for applying.\n\nBest wishes,\nRuth Ogunleye"
    assert _company(body, "Ruth Ogunleye <ruth@ashgrovetrust.example>") == "Ashgrove Trust"


@pytest.mark.parametrize(
    ("role", "clean"),
    [("Product Manager está confirmada", "Product Manager"), ("Sachbearbeiter Lohn wurde besetzt", "Sachbearbeiter Lohn"),
     ("Chef de rang a été pourvu", "Chef de rang"), ("Data Analyst is now closed", "Data Analyst"),
     ("Head of Sales", "Head of Sales")],
)  # fmt: skip
def test_a_role_stops_where_the_sentence_goes_on_with_a_verb(role: str, clean: str) -> None:
    assert extract_module._clean_role(role) == clean


@pytest.mark.parametrize(
    ("name", "text", "company"),
    [("Halvard Power's", "Halvard Power - Planner - next step\nHalvard Power's manager read your CV.", "Halvard Power"),
     ("Pellow's", "Thanks for applying to Pellow's.", "Pellow's"),
     ("Trader Ben's", "Trader Ben's would like to meet you. Trader Bens is not it.", "Trader Ben's")],
)  # fmt: skip
def test_a_possessive_the_sentence_gave_a_company_is_dropped_where_the_mail_writes_it_without(
    name: str, text: str, company: str
) -> None:
    fact = extract_module.Fact("company", name, "test", 0.8)
    assert extract_module._without_possessive(fact, text).value == company


def test_a_title_the_texts_pattern_cut_gives_way_to_the_subjects_whole_one() -> None:
    raw = (
        b"From: Claire Dubois <c.dubois@transports-meunier.example>\r\nTo: Sam <sam@example.org>\r\n"
        b"Subject: Poste de Directeur Commercial et Marketing (H/F)\r\nDate: Mon, 02 Mar 2026 09:00:00 +0100\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nMadame,\r\n\r\nNous avons retenu un autre candidat pour le poste de"
        b" Directeur Commercial et Marketing.\r\n\r\nClaire Dubois\r\n"
    )
    assert extract(parse_mail(raw)).role == "Directeur Commercial et Marketing"


def test_a_remote_work_tag_is_no_part_of_a_title() -> None:
    assert extract_module.plain_role("Agente de atención al cliente (teletrabajo)") == "Agente de atención al cliente"


def test_the_line_under_a_teams_sign_off_is_the_organisation_not_a_person() -> None:
    raw = (
        "From: =?utf-8?b?VmFsw6lyaWUgU2FudMOp?= <valerie@myworkday.com>\r\nTo: Sam <sam@example.org>\r\n"
        "Subject: Votre candidature\r\nDate: Mon, 02 Mar 2026 09:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "Bonjour,\r\n\r\nNous vous remercions pour l'intérêt que vous portez à Valérie Santé. Nous ne retenons pas votre"
        " candidature.\r\n\r\nL'équipe Acquisition de Talents\r\nValérie Santé\r\n"
    ).encode()
    facts = extract(parse_mail(raw))
    assert facts.company == "Valérie Santé" and not (facts.contact and facts.contact.name)


def test_a_division_is_no_employer_and_stays_in_the_title() -> None:
    raw = (
        b"From: Nordmark Technik via softgarden <noreply@softgarden.io>\r\nTo: Sam <sam@example.org>\r\n"
        b"Subject: Ihre Bewerbung als Teamleiter Einkauf der Sparte Medizintechnik (m/w/d)\r\n"
        b"Date: Mon, 02 Mar 2026 09:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Sehr geehrter Herr Richter,\r\n\r\nleider haben wir uns anders entschieden.\r\n"
    )
    assert extract(parse_mail(raw)).company != "Sparte Medizintechnik"
