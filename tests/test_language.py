"""followup.mail.language: the language of a mail from its function words."""

from __future__ import annotations

from followup.mail.language import FUNCTION_WORDS, SAMPLE_CHARS, detect, detect_by_dates


def test_each_shipped_language_is_told_apart() -> None:
    samples = {
        "en": "thank you for your application, we will be in touch with you and your team",
        "de": "vielen dank fur ihre bewerbung, wir haben sie mit freundlichen grussen nicht vergessen",
        "fr": "merci pour votre candidature, nous sommes heureux de vous avoir avec nous",
        "es": "gracias por su solicitud, estamos muy contentos con usted y hemos visto su perfil",
    }
    for language, text in samples.items():
        assert detect(text).language == language, text


def test_too_few_words_decide_nothing() -> None:
    assert detect("hello").language == ""
    assert detect("").score == 0
    assert detect("the and").language == ""  # fewer than three function words


def test_a_close_call_between_two_languages_is_undetermined() -> None:
    guess = detect("the and you und der die")
    assert guess.language == ""
    assert guess.score == 3


def test_only_the_start_of_a_long_text_is_read() -> None:
    text = "x " * SAMPLE_CHARS + "the and you your for with our that"
    assert detect(text).language == ""


def test_function_words_are_the_union_of_every_language() -> None:
    assert {"the", "und", "merci", "gracias"} <= FUNCTION_WORDS


def test_a_formal_spanish_letter_heavy_with_de_and_la_is_spanish() -> None:
    # "de", "la", "que" are French words too; the letter's formulas decide
    text = (
        "estimado sr. garcia: le informamos de que la comision de seleccion de la plaza de tecnico de la "
        "universidad ha resuelto el procedimiento. lamentamos comunicarle que su candidatura no ha sido "
        "seleccionada. atentamente, servicio de personal"
    )
    assert detect(text).language == "es"


def test_a_text_with_few_function_words_is_told_by_its_dates() -> None:
    booking = "hallo lea, ihre buchung wurde bestatigt. mittwoch, 20. mai 2026 09:30 microsoft teams"
    assert detect(booking).language == "" and detect_by_dates(booking).language == "de"
    assert detect_by_dates("lunes 3 de marzo, 10:00").language == "es"
    # one such word, or two languages as often, decide nothing
    assert detect_by_dates("mittwoch microsoft teams").language == ""
    assert detect_by_dates("monday lundi").language == ""
