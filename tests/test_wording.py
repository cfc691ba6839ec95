"""followup.act.wording: the article and preposition a company's name takes, per language."""

from __future__ import annotations

import pytest
from followup.act.wording import at, bare, the


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
        # an adjective in its weak form before the head declines with the article
        ("Evangelische Kliniken", "bei", "bei den Evangelischen Kliniken"),
        ("Hanseatische Handelsbank", "bei", "bei der Hanseatischen Handelsbank"),
        ("Technische Universität Ahlen", "an", "an der Technischen Universität Ahlen"),
        ("Hanseatische Handelsbank", "für", "für die Hanseatische Handelsbank"),
        ("Evangelisches Diakoniewerk Rosenau", "bei", "beim Evangelischen Diakoniewerk Rosenau"),
        ("Deutscher Verlag", "für", "für den Deutschen Verlag"),
        ("Fischer Verlag", "bei", "bei Fischer Verlag"),  # a family name, no adjective
        ("Brasserie des Terreaux", "sur", "sur la Brasserie des Terreaux"),
        # French names with their own article: lower case, contracted with 'à' and 'de'
        ("Les Éditions du Phare", "sur", "sur les Éditions du Phare"),
        ("Les Éditions du Phare", "à", "aux Éditions du Phare"),
        ("Le Comptoir des Halles", "de", "du Comptoir des Halles"),
        ("L'Atelier Vert", "avec", "avec l'Atelier Vert"),
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


@pytest.mark.parametrize(
    ("name", "preposition", "phrase"),
    [
        # English: an institute, a foundation, a trust, an association named so takes 'the'
        ("Ardenne Institute", "at", "at the Ardenne Institute"),
        ("Open Harbor Foundation", "at", "at the Open Harbor Foundation"),
        ("Kingsmere Community Health NHS Trust", "from", "from the Kingsmere Community Health NHS Trust"),
        ("Institute of Cancer Research", "at", "at the Institute of Cancer Research"),
        ("Foundation for Rural Health", "with", "with the Foundation for Rural Health"),
        # a name's own 'The' is the sentence's article; no second one
        ("The Ashgrove Trust", "at", "at the Ashgrove Trust"),
        ("The Rowan Hotel", "at", "at the Rowan Hotel"),
        # brands and names said without one stay bare
        ("Halberd University", "at", "at Halberd University"),
        ("Westvale Borough Council", "at", "at Westvale Borough Council"),
        ("Nationwide Building Society", "at", "at Nationwide Building Society"),
        ("Acme Group", "at", "at Acme Group"),
        # German: a compound's head gives the gender, a legal form after it leaves the name bare
        ("Nordwerk Versicherungsgruppe", "bei", "bei der Nordwerk Versicherungsgruppe"),
        ("Lindauer Volksbank", "bei", "bei der Lindauer Volksbank"),
        ("Hansebank Direkt", "bei", "bei der Hansebank Direkt"),
        ("Rheintal Krankenkasse", "mit", "mit der Rheintal Krankenkasse"),
        ("Stadtmuseum Ulm", "bei", "beim Stadtmuseum Ulm"),
        ("Nordwerk Versicherungsgruppe AG", "bei", "bei Nordwerk Versicherungsgruppe AG"),
        ("Acme Software GmbH", "bei", "bei Acme Software GmbH"),
        # a name with its own article in French or Spanish takes no other
        ("La Maison Ferrand", "chez", "chez La Maison Ferrand"),
        ("El Corte Fino", "en", "en El Corte Fino"),
    ],
)
def test_institutions_take_their_article_a_name_with_its_own_none(name: str, preposition: str, phrase: str) -> None:
    assert at(name, preposition) == phrase


def test_a_names_own_the_in_a_sentence_and_where_a_template_writes_its_own() -> None:
    assert the("The Ashgrove Trust", "en") == "the Ashgrove Trust"
    assert the("The Ashgrove Trust", "en", start=True) == "The Ashgrove Trust"
    assert the("Ardenne Institute", "en") == "the Ardenne Institute"
    assert bare("The Ashgrove Trust") == "Ashgrove Trust"
    assert bare("Theta Labs") == "Theta Labs"
    from followup.act.templates import SAMPLE_CONTEXT
    from followup.resources import load_templates

    templates = load_templates(None)
    context = SAMPLE_CONTEXT | {"company": "The Ashgrove Trust", "interviewed": False}
    assert "the Ashgrove Trust decision" in templates.render("reminder_practice", context, "en").body
    assert "at the Ashgrove Trust" in templates.render("check_in", context, "en").body
