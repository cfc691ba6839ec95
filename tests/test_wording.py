"""followup.act.wording: the article and preposition a company's name takes, per language."""

from __future__ import annotations

import pytest
from followup.act.wording import at, the


@pytest.mark.parametrize(
    ("name", "preposition", "phrase"),
    [
        ("City of Harlow Springs", "at", "at the City of Harlow Springs"),
        ("University of Leeds", "from", "from the University of Leeds"),
        ("Alder Bay County", "at", "at Alder Bay County"),
        ("Bank of America", "at", "at Bank of America"),
        ("Acme", "at", "at Acme"),
        ("Stadt Ulm", "bei", "bei der Stadt Ulm"),
        ("Landratsamt Oberwalden", "bei", "beim Landratsamt Oberwalden"),
        ("Landratsamt Oberwalden", "an", "am Landratsamt Oberwalden"),
        ("Landkreis Ebersberg", "mit", "mit dem Landkreis Ebersberg"),
        ("Universität Lindenau", "mit", "mit der Universität Lindenau"),
        ("Mühlbach & Söhne", "bei", "bei Mühlbach & Söhne"),
        ("Mairie de Saint-Aubin-sur-Loire", "chez", "à la Mairie de Saint-Aubin-sur-Loire"),
        ("Ville de Laval", "chez", "à la Ville de Laval"),
        ("Conseil départemental du Var", "chez", "au Conseil départemental du Var"),
        ("Université de Valmont", "chez", "à l'Université de Valmont"),
        ("Université de Valmont", "avec", "avec l'Université de Valmont"),
        ("Éditions Paloma", "chez", "chez Éditions Paloma"),
        ("Ayuntamiento de Valdeluna", "en", "en el Ayuntamiento de Valdeluna"),
        ("Universidad de Castellar", "en", "en la Universidad de Castellar"),
        ("Grupo Albéniz Asesores", "en", "en Grupo Albéniz Asesores"),
        # A business named by its trade takes the trade's article; its own name does not.
        ("Bäckerei Kranz", "bei", "bei der Bäckerei Kranz"),
        ("Institut für Angewandte Optik", "bei", "beim Institut für Angewandte Optik"),
        ("Verlag Hansen & Co.", "bei", "beim Verlag Hansen & Co."),
        ("Stadtwerke Ahlfeld", "bei", "bei den Stadtwerken Ahlfeld"),
        ("Rheinwerk Energie", "bei", "bei Rheinwerk Energie"),
        ("Cabinet Delorme", "sur", "sur le Cabinet Delorme"),
        ("Cabinet Delorme", "chez", "chez Cabinet Delorme"),
        ("Banco del Altiplano", "en", "en el Banco del Altiplano"),
        ("Farmacia Ruiz", "en", "en la Farmacia Ruiz"),
        ("", "at", ""),
    ],
)
def test_a_public_body_takes_its_article_a_company_none(name: str, preposition: str, phrase: str) -> None:
    assert at(name, preposition) == phrase


def test_the_article_in_each_case_and_at_the_start_of_a_sentence() -> None:
    assert the("City of Marlow Springs", "en") == "the City of Marlow Springs"
    assert the("Landratsamt Oberwalden", "de", "acc") == "das Landratsamt Oberwalden"
    assert the("Stadt Ulm", "de", "acc") == "die Stadt Ulm"
    assert the("Mairie de Laval", "fr", start=True) == "La Mairie de Laval"
    assert the("Ayuntamiento de Soria", "es", start=True) == "El Ayuntamiento de Soria"
    assert the("Acme Corp", "fr") == "Acme Corp"
    assert the("Stadtwerke Ahlfeld", "de", "acc") == "die Stadtwerke Ahlfeld"
    assert the("Banco del Altiplano", "es") == "el Banco del Altiplano"


def test_the_shipped_templates_write_the_article() -> None:
    from followup.act.templates import SAMPLE_CONTEXT
    from followup.resources import load_templates

    templates = load_templates(None)
    context = SAMPLE_CONTEXT | {"company": "Ayuntamiento de Valdeluna", "interviewed": False}
    assert "en el Ayuntamiento de Valdeluna" in templates.render("rejection_thanks", context, "es").body
    context = SAMPLE_CONTEXT | {"company": "City of Marlow Springs", "interviewed": False}
    assert "at the City of Marlow Springs" in templates.render("rejection_thanks", context, "en").body


def test_a_company_named_after_a_town_takes_no_article() -> None:
    assert at("Hafenstadt Bank", "bei") == "bei Hafenstadt Bank"
    assert at("Caisse Laurentienne", "chez") == "chez Caisse Laurentienne"
    assert the("Caisse Laurentienne", "fr") == "Caisse Laurentienne"


@pytest.mark.parametrize(
    ("name", "preposition", "phrase"),
    [
        # German: the head noun first, or last as a compound's ('Rheinblick Kliniken'), with its gender and number.
        ("Caritasverband Oberland", "bei", "beim Caritasverband Oberland"),
        ("Rheinblick Kliniken", "bei", "bei den Rheinblick Kliniken"),
        ("Rheinblick Kliniken", "für", "für die Rheinblick Kliniken"),
        ("Nordlicht Versicherung", "bei", "bei der Nordlicht Versicherung"),
        ("Auental Stadtwerke", "bei", "bei den Auental Stadtwerken"),
        ("Klinikum Nordhafen", "an", "am Klinikum Nordhafen"),
        ("Stiftung Lesewelt", "zu", "zur Stiftung Lesewelt"),
        ("Stiftung Lesewelt", "mit", "mit der Stiftung Lesewelt"),
        # an adjective before a last-word head would decline with the article: the name stays as it is
        ("Evangelische Kliniken", "bei", "bei Evangelische Kliniken"),
        ("Acme Software GmbH", "bei", "bei Acme Software GmbH"),
        # French: a clinic, an association, a foundation is no brand: 'à', not 'chez'.
        ("Clinique Vétérinaire Vétalis", "chez", "à la Clinique Vétérinaire Vétalis"),
        ("Association Les Jardins Solidaires", "chez", "à l'Association Les Jardins Solidaires"),
        ("Fondation Mirabeau", "pour", "pour la Fondation Mirabeau"),
        ("Institut Pasteur", "chez", "à l'Institut Pasteur"),
        ("Vétalis", "chez", "chez Vétalis"),
        # Spanish: the same heads take 'la'/'el', and 'a el' contracts.
        ("Clínica Dental Sonríe", "en", "en la Clínica Dental Sonríe"),
        ("Asociación Alba", "con", "con la Asociación Alba"),
        ("Fundación Mar Abierto", "para", "para la Fundación Mar Abierto"),
        ("Hospital Comarcal de Teruel", "a", "al Hospital Comarcal de Teruel"),
        ("Grupo Albéniz", "en", "en Grupo Albéniz"),
    ],
)
def test_a_name_whose_head_is_a_common_noun_takes_its_article(name: str, preposition: str, phrase: str) -> None:
    assert at(name, preposition) == phrase
